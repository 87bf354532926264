import { withOutbox } from '#kernel/messaging/outbox'
import { PAYMENT_CONTEXT } from '../../contracts'
import type { GatewayEvent } from '../domain/gateway'
import { claimGatewayEvent, lockPaymentOfIntent, lockRefund } from '../infrastructure/payment-store'
import type { Payment } from '../payment'
import { settleCharge } from './settle-charge'
import { settleRefund } from './settle-refund'

/** What became of a gateway event: applied, a repeat, not about anything of ours, or judged stale. */
export type EventOutcome = 'applied' | 'duplicate' | 'unknown' | 'ignored'

/**
 * Applies what the gateway says on its own (a webhook, the simulated challenge), once per event
 * id, judged against where the payment stands now: events arrive twice and out of order, and one
 * about a settled payment changes nothing. The event is recorded with its effect, so a crash in
 * between leaves it to be delivered again. An event about nothing of ours is not recorded: a
 * refund's event may outrun the answer that names it, and reconciliation settles that refund.
 */
export function applyGatewayEvent(payment: Payment, event: GatewayEvent): Promise<EventOutcome> {
  return withOutbox(payment.db, PAYMENT_CONTEXT, async (trx, emit) => {
    if (event.about === 'charge') {
      const current = await lockPaymentOfIntent(trx, event.intentId, event.paymentId)
      if (!current) return 'unknown'
      if (!(await claimGatewayEvent(trx, event))) return 'duplicate'
      const settled = await settleCharge(trx, current, event.state, emit, {})
      return settled.status !== current.status ? 'applied' : 'ignored'
    }
    if (event.about === 'refund') {
      const current = await lockRefund(trx, { gatewayRefundId: event.gatewayRefundId })
      if (!current) return 'unknown'
      if (!(await claimGatewayEvent(trx, event))) return 'duplicate'
      const settled = await settleRefund(trx, current, event.state, emit, {})
      return settled.status !== current.status ? 'applied' : 'ignored'
    }
    return 'ignored'
  })
}
