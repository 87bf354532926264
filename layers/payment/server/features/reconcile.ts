import type { Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { PAYMENT_CONTEXT } from '../../contracts'
import { GatewayUnavailableError, type ChargeState } from '../domain/gateway'
import {
  findPayment,
  lockPayment,
  pendingRefunds,
  unsettledPayments,
  type PaymentRow,
} from '../infrastructure/payment-store'
import type { Payment } from '../payment'
import { chargeRequestOf } from './process-payment'
import { askGateway } from './refund-payment'
import { settleCharge } from './settle-charge'

export interface ReconcileOptions {
  /** A payment or refund unsettled this long is asked about (the webhook should have come by then). */
  quietMs: number
  /** A payment waiting this long for the customer to authenticate is given up. */
  abandonMs: number
  batch: number
}

export const DEFAULT_RECONCILE: ReconcileOptions = { quietMs: 2 * 60_000, abandonMs: 60 * 60_000, batch: 100 }

/** What the gateway says of an unsettled payment; one left waiting for the customer too long is cancelled there. */
async function currentState(payment: Payment, row: PaymentRow, now: Date, options: ReconcileOptions) {
  // No intent recorded: the charge was interrupted. Asked again with its key, the gateway makes it
  // or replays what it answered.
  const state: ChargeState = row.intent_id
    ? await payment.gateway.retrieve(row.intent_id)
    : await payment.gateway.charge(chargeRequestOf(payment, row))
  const abandoned = now.getTime() - row.updated_at.getTime() > options.abandonMs
  return state.status === 'requires_action' && abandoned
    ? payment.gateway.cancel(state.intentId, `${row.idempotency_key}-cancel`)
    : state
}

/**
 * The net under webhooks and retries: asks the gateway about payments and refunds left unsettled
 * and settles them as it answers, emitting what a webhook would have. A gateway that does not
 * answer leaves them for the next run. Returns how many were settled and how many could not be asked.
 */
export async function reconcile(payment: Payment, now = new Date(), options = DEFAULT_RECONCILE) {
  const before = new Date(now.getTime() - options.quietMs)
  const cause: Causation = {}
  let settled = 0
  let unanswered = 0
  // One payment the gateway cannot answer about (or does not know) must not hold up the rest.
  const attempt = async (subject: { id: string }, work: () => Promise<boolean>) => {
    try {
      if (await work()) settled++
    } catch (error) {
      unanswered++
      if (error instanceof GatewayUnavailableError)
        payment.log.warn({ id: subject.id, reason: error.message }, 'gateway did not answer')
      else payment.log.error({ id: subject.id, err: error }, 'could not reconcile')
    }
  }
  for (const row of await unsettledPayments(payment.db, before, options.batch))
    await attempt(row, async () => {
      const state = await currentState(payment, row, now, options)
      return withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
        const current = (await lockPayment(trx, { id: row.id }))!
        return (await settleCharge(trx, current, state, emit, cause)).status !== current.status
      })
    })
  for (const refund of await pendingRefunds(payment.db, before, options.batch))
    await attempt(refund, async () => {
      const paid = (await findPayment(payment.db, refund.payment_id))!
      return (await askGateway(payment, refund, paid, cause)) !== 'pending'
    })
  if (settled || unanswered) payment.log.info({ settled, unanswered }, 'payments reconciled')
  return { settled, unanswered }
}
