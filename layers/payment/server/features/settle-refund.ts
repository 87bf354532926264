import type { Transaction } from 'kysely'
import type { Envelope } from '#kernel/contracts/messaging'
import type { Causation } from '#kernel/messaging/envelope'
import type { RefundState } from '../domain/gateway'
import { statusAfterRefunds } from '../domain/payment-state'
import type { PaymentDatabase } from '../infrastructure/database'
import { lockPayment, updatePayment, updateRefund, type RefundRow } from '../infrastructure/payment-store'
import { refundEventOf } from './outcome-events'

/**
 * Applies the gateway's word about a pending refund, locked by the caller: a success adds to what
 * its payment has refunded and emits Refunded, a failure gives the amount back to what may still
 * be refunded and emits RefundFailed. A refund already settled ignores it.
 */
export async function settleRefund(
  trx: Transaction<PaymentDatabase>,
  refund: RefundRow,
  state: RefundState,
  emit: (envelope: Envelope) => void,
  cause: Causation,
): Promise<RefundRow> {
  if (refund.status !== 'pending') return refund
  const gatewayRefundId = refund.gateway_refund_id ?? state.gatewayRefundId
  if (state.status === 'pending')
    return gatewayRefundId !== refund.gateway_refund_id
      ? updateRefund(trx, refund.id, { gateway_refund_id: gatewayRefundId })
      : refund
  let payment = (await lockPayment(trx, { id: refund.payment_id }))!
  const settled = await updateRefund(trx, refund.id, {
    status: state.status,
    gateway_refund_id: gatewayRefundId,
    ...(state.status === 'failed' && { failure_code: state.code, failure_reason: state.code }),
  })
  if (state.status === 'succeeded') {
    const refunded = Number(payment.refunded) + Number(refund.amount)
    payment = await updatePayment(trx, payment.id, {
      refunded,
      status: statusAfterRefunds(Number(payment.amount), refunded),
    })
  }
  const event = refundEventOf(settled, payment, cause)
  if (event) emit(event)
  return settled
}
