import type { Envelope } from '#kernel/contracts/messaging'
import { refuse } from '#kernel/contracts/result'
import type { Causation } from '#kernel/messaging/envelope'
import { claimInbox } from '#kernel/messaging/inbox'
import { withOutbox } from '#kernel/messaging/outbox'
import { ORDERING_CONTEXT } from '../../contracts'
import { react, type SagaEvent, type SagaOutcome } from '../domain/checkout-saga'
import { findOrder, moveOrder, type OrderChanges } from '../infrastructure/order-store'
import type { Ordering } from '../ordering'
import { sagaMessages } from './saga-commands'

export type AdvanceOutcome = SagaOutcome | { missing: true } | { duplicate: true }

/** Another move of the same order committed between our read and our write: read it again. */
const OVERTAKEN = refuse(409, 'the order moved meanwhile')

/**
 * Applies one event to an order's saga: its moves, its status history, its status-change events
 * and the commands its effects send, in one transaction. Moves check the version they read, so
 * two events racing on one order (a cancel and a payment) are applied one after the other, the
 * second judged against the state the first left. With `inbox`, a message applied before is
 * skipped, so a redelivery changes nothing.
 */
export async function advanceOrder(
  ordering: Ordering,
  orderId: string,
  event: SagaEvent,
  cause: Causation,
  inbox?: { handler: string; envelope: Envelope },
): Promise<AdvanceOutcome> {
  for (;;) {
    const outcome = await withOutbox(ordering.db, ORDERING_CONTEXT, async (trx, emit) => {
      if (inbox && !(await claimInbox(trx, ORDERING_CONTEXT, inbox.handler, inbox.envelope)))
        return { duplicate: true as const }
      const order = await findOrder(trx, orderId)
      if (!order) return { missing: true as const }
      const outcome = react(order.status, event)
      if (isMove(outcome.steps)) {
        if (!(await moveOrder(trx, order, changesOf(ordering, outcome, event), outcome.steps))) return OVERTAKEN
      } else {
        ordering.log.info({ orderId, status: order.status, event: event.type }, outcome.ignored)
      }
      for (const message of sagaMessages(outcome, order, cause)) emit(message)
      return outcome
    })
    if (outcome !== OVERTAKEN) return outcome as AdvanceOutcome
  }
}

const isMove = <T>(steps: readonly T[]): steps is readonly [T, ...T[]] => steps.length > 0

/** What the order's row keeps of a move: where it ends, its payment deadline, why it was cancelled, its shipment. */
function changesOf(ordering: Ordering, outcome: SagaOutcome, event: SagaEvent): OrderChanges {
  const changes: OrderChanges = { status: outcome.steps.at(-1)!.to }
  for (const effect of outcome.effects) {
    if (effect.type === 'start-payment-deadline')
      changes.paymentDeadlineAt = new Date(Date.now() + ordering.paymentTimeoutMs)
    if (effect.type === 'stop-payment-deadline') changes.paymentDeadlineAt = null
    if (effect.type === 'announce-cancellation') changes.cancellationReason = effect.reason
  }
  if (event.type === 'shipment-created')
    Object.assign(changes, { carrier: event.carrier, trackingNumber: event.trackingNumber })
  return changes
}
