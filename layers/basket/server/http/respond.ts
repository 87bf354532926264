import { setResponseHeader, type H3Event } from 'h3'
import type { Result } from '#kernel/contracts/result'
import type { Basket } from '../basket'
import { keepGuestCart, type CartOwner } from './cart-owner'

/**
 * A cart is one shopper's: no cache keeps it. A guest's change sets or renews their cookie, so it
 * lasts as long as the cart; a refused change sets nothing (a first visit that added nothing has no cookie).
 */
export function afterChange<T>(
  event: H3Event,
  basket: Basket,
  owner: CartOwner,
  result: Result<T>,
  cartId = owner.cartId,
): Result<T> {
  setResponseHeader(event, 'cache-control', 'private, no-store')
  if (result.ok && owner.guest && cartId) keepGuestCart(event, basket, cartId)
  return result
}
