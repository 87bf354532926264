import { v7 as uuidv7 } from 'uuid'
import type { Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { PAYMENT_CONTEXT, type PaymentStatus } from '../../contracts'
import type { ProcessPaymentPayload } from '../../contracts/events'
import { chargeKey, IdempotencyMismatchError, type ChargeRequest } from '../domain/gateway'
import { insertPayment, lockPayment, type PaymentRow } from '../infrastructure/payment-store'
import type { Payment } from '../payment'
import { chargeEventOf } from './outcome-events'
import { settleCharge } from './settle-charge'

const sameRequest = (payment: PaymentRow, command: ProcessPaymentPayload) =>
  Number(payment.amount) === command.amount.amount &&
  payment.currency === command.amount.currency &&
  payment.payment_method === command.paymentMethod

/** What the gateway is asked for a recorded attempt: the same every time it is asked. */
export const chargeRequestOf = (payment: Payment, row: PaymentRow): ChargeRequest => ({
  idempotencyKey: row.idempotency_key,
  paymentId: row.id,
  orderId: row.order_id,
  amount: Number(row.amount),
  currency: row.currency,
  paymentMethod: row.payment_method,
  returnUrl: new URL(row.return_path, payment.publicUrl).href,
})

/**
 * Charges an order's attempt once, however often it is asked (the seed's Payment Flow):
 *
 * 1. The attempt is recorded (or found) first. A settled one replies its outcome again and
 *    charges nothing; the same attempt with another amount or card is a bug and is refused.
 * 2. The gateway is asked outside any transaction, with the attempt's idempotency key: after a
 *    timeout, a crash or a redelivery it is asked again with the same key and answers the same.
 * 3. Its answer and the event saying it are saved together (the outbox). If a webhook settled
 *    the payment meanwhile, the answer changes nothing.
 *
 * Returns where the payment stands. Throws GatewayUnavailableError when the gateway did not
 * answer: the bus delivers the command again later, and reconciliation is the net beneath that.
 */
export async function processPayment(
  payment: Payment,
  command: ProcessPaymentPayload,
  cause: Causation = {},
): Promise<PaymentStatus> {
  const recorded = await withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
    const inserted = await insertPayment(trx, {
      id: uuidv7(),
      order_id: command.orderId,
      attempt: command.attempt,
      user_id: command.userId ?? null,
      idempotency_key: chargeKey(command.orderId, command.attempt),
      amount: command.amount.amount,
      currency: command.amount.currency,
      payment_method: command.paymentMethod,
      return_path: command.returnPath,
      status: 'processing',
      intent_id: null,
      action_url: null,
      failure_code: null,
      failure_reason: null,
      completed_at: null,
    })
    if (inserted) return inserted
    const earlier = (await lockPayment(trx, { orderId: command.orderId, attempt: command.attempt }))!
    if (!sameRequest(earlier, command))
      throw new IdempotencyMismatchError(
        `payment.process for order ${command.orderId} attempt ${command.attempt} came again with another amount or payment method`,
      )
    const replay = chargeEventOf(earlier, cause)
    if (replay) emit(replay)
    return earlier
  })
  if (recorded.status !== 'processing') return recorded.status

  const state = await payment.gateway.charge(chargeRequestOf(payment, recorded))

  return withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
    const current = (await lockPayment(trx, { id: recorded.id }))!
    return (await settleCharge(trx, current, state, emit, cause)).status
  })
}
