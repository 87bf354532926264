import { refuse, type Result } from '#kernel/contracts/result'
import type { OrderDto } from '../../contracts'
import type { SagaEvent } from '../domain/checkout-saga'
import { refusedBecause } from '../domain/order-actions'
import type { Ordering } from '../ordering'
import { advanceOrder } from './advance-order'
import { NO_SUCH_ORDER, orderView, type Reader } from './order-views'

/**
 * A customer's or an admin's request (cancel, refund, return; ship, deliver, confirm a return),
 * put to the saga like any other event: it makes its move and sends what that move sends, or,
 * when the order's state does not allow it, nothing happens and the refusal says why. A customer
 * may ask only of their own orders. Answers the order as it is after the move.
 */
export async function askOfOrder(
  ordering: Ordering,
  asker: Reader,
  orderId: string,
  event: SagaEvent,
): Promise<Result<OrderDto>> {
  const before = await orderView(ordering, asker, orderId)
  if (!before.ok) return before
  const outcome = await advanceOrder(ordering, orderId, event, {})
  if ('missing' in outcome) return NO_SUCH_ORDER
  if ('steps' in outcome && !outcome.steps.length) {
    const now = await orderView(ordering, asker, orderId)
    return refuse(409, refusedBecause(now.ok ? now.value.status : before.value.status, event.type), {
      code: 'not-allowed-now',
    })
  }
  return orderView(ordering, asker, orderId)
}
