import { refuse, success, type Result } from '#kernel/contracts/result'
import type { GatewayEvent } from '../domain/gateway'
import { isSignatureError, stripeEventOf } from '../infrastructure/stripe-gateway'
import type { Payment } from '../payment'
import { applyGatewayEvent, type EventOutcome } from './apply-gateway-event'

/**
 * A Stripe webhook: its signature checked on the exact bytes received (within five minutes of
 * signing), then applied once. Stripe retries anything but a 2xx for days, so an event that is a
 * repeat, stale or about nothing of ours is still answered 200.
 */
export async function receiveStripeEvent(
  payment: Payment,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<Result<{ received: true; outcome: EventOutcome }>> {
  if (!payment.stripe) return refuse(404, 'Payments are not taken through Stripe here.')
  if (!signature) return refuse(400, 'The Stripe-Signature header is missing.', { code: 'signature' })
  let event: GatewayEvent
  try {
    event = stripeEventOf(payment.stripe.client, rawBody, signature, payment.stripe.webhookSecret)
  } catch (error) {
    if (!isSignatureError(error)) throw error
    payment.log.warn({ reason: (error as Error).message }, 'stripe webhook refused: bad signature')
    return refuse(400, 'The signature does not match the body, or it is too old.', { code: 'signature' })
  }
  const outcome = await applyGatewayEvent(payment, event)
  payment.log.info({ eventId: event.id, type: event.type, outcome }, 'stripe webhook')
  return success({ received: true, outcome })
}
