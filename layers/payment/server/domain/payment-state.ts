import type { PaymentStatus } from '../../contracts'
import type { ChargeState } from './gateway'

/**
 * Which gateway answer may move a payment where (ADR 0014). Only an unsettled payment moves;
 * a settled one (succeeded, failed, refunded) ignores every later word about its charge, so a
 * duplicate or late webhook, a replayed answer or a reconciliation race changes nothing.
 *
 *   processing       → requires_action | succeeded | failed
 *   requires_action  → succeeded | failed
 */
const MOVES: Record<PaymentStatus, readonly ChargeState['status'][]> = {
  processing: ['requires_action', 'succeeded', 'failed'],
  requires_action: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  partially_refunded: [],
  refunded: [],
}

/** The status a charge state moves a payment to, or undefined when it must be ignored. */
export function nextStatus(current: PaymentStatus, state: ChargeState): PaymentStatus | undefined {
  if (state.status === 'processing') return undefined
  return MOVES[current].includes(state.status) ? state.status : undefined
}

export const isSettled = (status: PaymentStatus) => MOVES[status].length === 0

/** Money that can still be given back: what was captured less what is refunded or being refunded. */
export function refundable(payment: { status: PaymentStatus; amount: number }, committed: number): number {
  if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') return 0
  return Math.max(0, payment.amount - committed)
}

export const statusAfterRefunds = (amount: number, refunded: number): PaymentStatus =>
  refunded >= amount ? 'refunded' : refunded > 0 ? 'partially_refunded' : 'succeeded'
