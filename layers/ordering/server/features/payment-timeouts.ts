import { overduePayments } from '../infrastructure/order-store'
import type { Ordering } from '../ordering'
import { advanceOrder } from './advance-order'

const BATCH = 100

/**
 * Cancels every order whose payment deadline has passed (the saga's 15-minute timeout). Several
 * instances may run it at once: the saga's version check lets one cancel each order, and the
 * other finds it Cancelled and does nothing. Returns how many it cancelled.
 */
export async function cancelOverduePayments(ordering: Ordering): Promise<number> {
  let cancelled = 0
  for (;;) {
    const orders = await overduePayments(ordering.db, BATCH)
    for (const orderId of orders) {
      const outcome = await advanceOrder(ordering, orderId, { type: 'payment-timed-out' }, {})
      if ('steps' in outcome && outcome.steps.length) cancelled++
    }
    if (orders.length < BATCH) break
  }
  if (cancelled) ordering.log.info({ cancelled }, 'orders past their payment deadline cancelled')
  return cancelled
}
