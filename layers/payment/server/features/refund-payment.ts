import type { Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { PAYMENT_CONTEXT } from '../../contracts'
import type { RefundPaymentPayload } from '../../contracts/events'
import { refundKey } from '../domain/gateway'
import { refundable } from '../domain/payment-state'
import {
  committedRefunds,
  insertRefund,
  findPayment,
  findRefund,
  lockCapturedPayment,
  lockRefund,
  type PaymentRow,
  type RefundRow,
} from '../infrastructure/payment-store'
import type { Payment } from '../payment'
import { refundEventOf, refundFailed } from './outcome-events'
import { settleRefund } from './settle-refund'

export type RefundOutcome = RefundRow['status'] | 'refused'

/**
 * Gives money back once per refund id, never more than was captured:
 *
 * 1. Under the payment's lock, the refund is recorded as pending, if what is captured less what is
 *    refunded or pending covers it (no amount: all that is left). Otherwise RefundFailed says why.
 *    A refund id seen before replies its outcome again.
 * 2. The gateway refunds, keyed by the refund id (asked again, it refunds nothing new).
 * 3. Its answer and Refunded (or RefundFailed) are saved together. Stripe may answer "pending":
 *    its webhook, or reconciliation, settles it later.
 */
export async function refundPayment(
  payment: Payment,
  command: RefundPaymentPayload,
  cause: Causation = {},
): Promise<RefundOutcome> {
  const recorded = await withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
    // Looked for again under the payment's lock: a concurrent duplicate may have recorded it meanwhile.
    const replay = async () => {
      const earlier = await findRefund(trx, command.refundId)
      if (!earlier) return undefined
      const paid = (await findPayment(trx, earlier.payment_id))!
      const event = refundEventOf(earlier, paid, cause)
      if (event) emit(event)
      return { refund: earlier, paid }
    }
    const before = await replay()
    if (before) return before
    const captured = await lockCapturedPayment(trx, command.orderId)
    const after = captured && (await replay())
    if (after) return after
    const left = captured ? refundable(captured, await committedRefunds(trx, captured)) : 0
    const amount = command.amount ?? left
    const refusal = !captured
      ? 'nothing_captured'
      : left === 0
        ? 'nothing_left'
        : amount > left
          ? 'amount_too_large'
          : null
    if (refusal) {
      emit(refundFailed(command.orderId, command.refundId, refusal, cause))
      return undefined
    }
    const refund = await insertRefund(trx, {
      id: command.refundId,
      payment_id: captured!.id,
      order_id: command.orderId,
      amount,
      status: 'pending',
      gateway_refund_id: null,
      reason: command.reason,
      failure_code: null,
      failure_reason: null,
    })
    return { refund, paid: captured! }
  })
  if (!recorded) return 'refused'
  if (recorded.refund.status !== 'pending') return recorded.refund.status
  return askGateway(payment, recorded.refund, recorded.paid, cause)
}

/** Steps 2 and 3, also taken by reconciliation for a refund left pending. */
export async function askGateway(
  payment: Payment,
  refund: RefundRow,
  paid: PaymentRow,
  cause: Causation,
): Promise<RefundRow['status']> {
  const state = refund.gateway_refund_id
    ? await payment.gateway.retrieveRefund(refund.gateway_refund_id)
    : await payment.gateway.refund({
        idempotencyKey: refundKey(refund.id),
        intentId: paid.intent_id!,
        amount: Number(refund.amount),
      })
  return withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
    const current = (await lockRefund(trx, { id: refund.id }))!
    return (await settleRefund(trx, current, state, emit, cause)).status
  })
}
