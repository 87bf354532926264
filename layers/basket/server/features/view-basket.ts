import type { BasketDto } from '../../contracts'
import type { Basket } from '../basket'
import { priceLines } from './price-lines'

/** The cart of `cartId` (a customer's or a guest's id), priced now; none yet is an empty one. */
export async function viewBasket(basket: Basket, cartId: string | undefined): Promise<BasketDto> {
  return priceLines(basket, cartId ? await basket.carts.read(cartId) : [])
}
