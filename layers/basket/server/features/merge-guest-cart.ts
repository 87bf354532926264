import type { Basket } from '../basket'

/**
 * A guest who signs in brings their cart along: its lines join the customer's (quantities add, up
 * to the line limit) and the guest's cart is gone, in one step, so two sign-ins at once cannot
 * move a line twice.
 */
export async function mergeGuestCart(basket: Basket, guestId: string, userId: string): Promise<void> {
  const { moved, dropped } = await basket.carts.merge(guestId, userId)
  // Only a customer cart at its line limit leaves lines out; the shopper sees what is there.
  if (dropped) basket.log.warn({ userId, moved, dropped }, 'guest cart merged, some lines left out: the cart is full')
  else if (moved) basket.log.info({ userId, moved }, 'guest cart merged on sign-in')
}
