import { refuse, success, type Result } from '#kernel/contracts/result'
import type { BasketDto } from '../../contracts'
import type { Basket } from '../basket'
import { priceLines } from './price-lines'

const notInCart = (sku: string) =>
  refuse(404, `There is no ${sku} in your cart.`, {
    code: 'not-in-cart',
    errors: [{ field: 'sku', message: 'is not in the cart' }],
  })

/** Sets a line's quantity; 0 removes the line. A sku that is not in the cart is a 404 that changes nothing. */
export async function setQuantity(
  basket: Basket,
  cartId: string | undefined,
  sku: string,
  quantity: number,
): Promise<Result<BasketDto>> {
  if (!cartId) return notInCart(sku)
  const { found, lines } = await basket.carts.setQuantity(cartId, sku, quantity)
  return found ? success(await priceLines(basket, lines)) : notInCart(sku)
}

/** Takes a line out of the cart. */
export async function removeItem(basket: Basket, cartId: string | undefined, sku: string): Promise<Result<void>> {
  if (!cartId) return notInCart(sku)
  const { found } = await basket.carts.setQuantity(cartId, sku, 0)
  return found ? success(undefined) : notInCart(sku)
}
