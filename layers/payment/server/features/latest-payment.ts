import type { PaymentSummary } from '../../contracts'
import { latestPayment as latestRow } from '../infrastructure/payment-store'
import type { Payment } from '../payment'

/** An order's latest attempt, as other modules see it. */
export async function latestPayment(payment: Payment, orderId: string): Promise<PaymentSummary | undefined> {
  const row = await latestRow(payment.db, orderId)
  if (!row) return undefined
  return {
    paymentId: row.id,
    orderId: row.order_id,
    attempt: row.attempt,
    status: row.status,
    amount: { amount: Number(row.amount), currency: row.currency },
    refunded: Number(row.refunded),
    failureReason: row.failure_reason,
    actionUrl: row.status === 'requires_action' ? row.action_url : null,
  }
}
