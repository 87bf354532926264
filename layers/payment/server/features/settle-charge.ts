import type { Transaction } from 'kysely'
import type { Envelope } from '#kernel/contracts/messaging'
import type { Causation } from '#kernel/messaging/envelope'
import type { ChargeState } from '../domain/gateway'
import { nextStatus } from '../domain/payment-state'
import type { PaymentDatabase } from '../infrastructure/database'
import { updatePayment, type PaymentRow } from '../infrastructure/payment-store'
import { chargeEventOf, failureOf } from './outcome-events'

/**
 * Applies the gateway's word about a charge to its payment, locked by the caller, and emits where
 * the payment now stands, in the caller's transaction. What the state table does not allow (a
 * settled payment, a repeat) changes nothing and emits nothing; the payment is returned as it was.
 */
export async function settleCharge(
  trx: Transaction<PaymentDatabase>,
  payment: PaymentRow,
  state: ChargeState,
  emit: (envelope: Envelope) => void,
  cause: Causation,
): Promise<PaymentRow> {
  const intentId = payment.intent_id ?? state.intentId
  const status = nextStatus(payment.status, state)
  if (!status) {
    // Still processing: keep the intent the gateway made, so reconciliation can ask about it.
    return intentId !== payment.intent_id ? updatePayment(trx, payment.id, { intent_id: intentId }) : payment
  }
  const settled = await updatePayment(trx, payment.id, {
    status,
    intent_id: intentId,
    action_url: state.status === 'requires_action' ? state.actionUrl : null,
    ...(state.status === 'failed' && failureOf(state.code)),
    ...((status === 'succeeded' || status === 'failed') && { completed_at: new Date() }),
  })
  const event = chargeEventOf(settled, cause)
  if (event) emit(event)
  return settled
}
