import type { Envelope } from '#kernel/contracts/messaging'
import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import {
  PaymentActionRequired,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  RefundFailed,
} from '../../contracts/events'
import { customerReason } from '../domain/failure-reasons'
import type { PaymentRow, RefundRow } from '../infrastructure/payment-store'

/**
 * The event that tells where a payment stands: sent when it gets there, and again to a repeated
 * command. None while it is still processing.
 */
export function chargeEventOf(payment: PaymentRow, cause: Causation): Envelope | undefined {
  const about = { orderId: payment.order_id, paymentId: payment.id, attempt: payment.attempt }
  switch (payment.status) {
    case 'processing':
      return undefined
    case 'requires_action':
      return createEnvelope(PaymentActionRequired, { ...about, actionUrl: payment.action_url! }, cause)
    case 'failed':
      return createEnvelope(
        PaymentFailed,
        { ...about, code: payment.failure_code!, reason: payment.failure_reason! },
        cause,
      )
    default:
      return createEnvelope(
        PaymentCompleted,
        { ...about, amount: { amount: Number(payment.amount), currency: payment.currency } },
        cause,
      )
  }
}

/** The event that tells how a refund ended; none while it is pending. */
export function refundEventOf(refund: RefundRow, payment: PaymentRow, cause: Causation): Envelope | undefined {
  if (refund.status === 'pending') return undefined
  if (refund.status === 'failed') return refundFailed(refund.order_id, refund.id, refund.failure_code!, cause)
  return createEnvelope(
    PaymentRefunded,
    {
      orderId: refund.order_id,
      paymentId: payment.id,
      refundId: refund.id,
      amount: { amount: Number(refund.amount), currency: payment.currency },
      refundedTotal: Number(payment.refunded),
      fullyRefunded: Number(payment.refunded) >= Number(payment.amount),
    },
    cause,
  )
}

const REFUND_REASONS: Record<string, string> = {
  nothing_captured: 'No payment of this order took any money.',
  nothing_left: 'Everything this order paid has been refunded already.',
  amount_too_large: 'The refund is larger than what is left to refund.',
}

export const refundFailed = (orderId: string, refundId: string, code: string, cause: Causation) =>
  createEnvelope(
    RefundFailed,
    {
      orderId,
      refundId,
      code,
      reason: REFUND_REASONS[code] ?? 'The refund could not be made; it needs a person to look at it.',
    },
    cause,
  )

export const failureOf = (code: string) => ({ failure_code: code, failure_reason: customerReason(code) })
