import Stripe from 'stripe'
import {
  GatewayUnavailableError,
  IdempotencyMismatchError,
  type ChargeState,
  type GatewayEvent,
  type PaymentGateway,
  type RefundState,
} from '../domain/gateway'

export interface StripeOptions {
  secretKey: string
  /** Another API host (a local server that answers like Stripe, in tests); Stripe's own when unset. */
  apiUrl?: string
  /** How long one request may take before the SDK retries it with the same idempotency key. */
  timeoutMs?: number
  maxNetworkRetries?: number
}

/** The official SDK, optionally pointed at another host. */
export function stripeClient(options: StripeOptions): Stripe {
  const url = options.apiUrl ? new URL(options.apiUrl) : undefined
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'larkspur-shop' },
    ...(url && {
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      protocol: url.protocol === 'https:' ? 'https' : 'http',
    }),
  })
}

/** Stripe's codes the shop knows by another name. */
const RENAMED_CODES: Record<string, string> = {
  payment_intent_authentication_failure: 'authentication_failed',
}

const codeOf = (error: { decline_code?: string | null; code?: string | null } | null | undefined, fallback: string) => {
  const code = error?.decline_code || error?.code || fallback
  return RENAMED_CODES[code] ?? code
}

/** A PaymentIntent reduced to what the shop acts on. */
export function chargeStateOf(intent: Stripe.PaymentIntent): ChargeState {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', intentId: intent.id }
    case 'requires_action': {
      const url = intent.next_action?.redirect_to_url?.url
      // Without a URL the client's SDK would have to act (use_stripe_sdk): never asked for here.
      return url
        ? { status: 'requires_action', intentId: intent.id, actionUrl: url }
        : { status: 'processing', intentId: intent.id }
    }
    case 'requires_payment_method':
      // Back here after a failed attempt; before any attempt it is only waiting.
      return intent.last_payment_error
        ? { status: 'failed', intentId: intent.id, code: codeOf(intent.last_payment_error, 'card_declined') }
        : { status: 'processing', intentId: intent.id }
    case 'canceled':
      return {
        status: 'failed',
        intentId: intent.id,
        code: intent.cancellation_reason === 'abandoned' ? 'authentication_abandoned' : 'canceled',
      }
    default:
      return { status: 'processing', intentId: intent.id }
  }
}

export function refundStateOf(refund: Stripe.Refund): RefundState {
  if (refund.status === 'succeeded') return { status: 'succeeded', gatewayRefundId: refund.id }
  if (refund.status === 'failed' || refund.status === 'canceled')
    return { status: 'failed', gatewayRefundId: refund.id, code: refund.failure_reason ?? 'refund_failed' }
  return { status: 'pending', gatewayRefundId: refund.id }
}

/** What the SDK throws, as the port's errors: no answer (retry later), a key misuse (a bug), or as it is. */
function translated(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error
  if (error instanceof Stripe.errors.StripeIdempotencyError) return new IdempotencyMismatchError(error.message)
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error.statusCode ?? 0) >= 500 ||
    error.statusCode === 409
  )
    return new GatewayUnavailableError(`Stripe did not answer: ${error.message}`, { cause: error })
  return error
}

async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw translated(error)
  }
}

/**
 * Payments through Stripe's PaymentIntents. A charge is two calls, create then confirm, each with
 * its own key derived from the attempt's; the SDK retries a timeout, a 409 or a 5xx with the same
 * key, and Stripe answers a repeated key with its saved answer, so nothing is charged twice.
 */
export function stripeGateway(stripe: Stripe): PaymentGateway {
  return {
    kind: 'stripe',
    async charge(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            payment_method: request.paymentMethod,
            metadata: { orderId: request.orderId, paymentId: request.paymentId },
          },
          { idempotencyKey: `${request.idempotencyKey}-create` },
        )
        if (intent.status !== 'requires_confirmation') return chargeStateOf(intent)
        const confirmed = await stripe.paymentIntents.confirm(
          intent.id,
          { return_url: request.returnUrl },
          { idempotencyKey: `${request.idempotencyKey}-confirm` },
        )
        return chargeStateOf(confirmed)
      } catch (error) {
        // A decline is an answer, not an error: the intent it carries says how it ended.
        if (error instanceof Stripe.errors.StripeCardError)
          return error.payment_intent
            ? chargeStateOf(error.payment_intent)
            : { status: 'failed', intentId: null, code: codeOf(error, 'card_declined') }
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
          return { status: 'failed', intentId: null, code: 'payment_method_unknown' }
        throw translated(error)
      }
    },
    retrieve: (intentId) => asked(async () => chargeStateOf(await stripe.paymentIntents.retrieve(intentId))),
    async cancel(intentId, idempotencyKey) {
      try {
        return chargeStateOf(
          await stripe.paymentIntents.cancel(intentId, { cancellation_reason: 'abandoned' }, { idempotencyKey }),
        )
      } catch (error) {
        // It settled meanwhile (the customer authenticated at the last moment): say how.
        if (
          error instanceof Stripe.errors.StripeInvalidRequestError &&
          error.code === 'payment_intent_unexpected_state'
        )
          return chargeStateOf(await asked(() => stripe.paymentIntents.retrieve(intentId)))
        throw translated(error)
      }
    },
    async refund(request) {
      try {
        return refundStateOf(
          await stripe.refunds.create(
            { payment_intent: request.intentId, amount: request.amount },
            { idempotencyKey: request.idempotencyKey },
          ),
        )
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError)
          return { status: 'failed', gatewayRefundId: null, code: error.code ?? 'refund_refused' }
        throw translated(error)
      }
    },
    retrieveRefund: (gatewayRefundId) =>
      asked(async () => refundStateOf(await stripe.refunds.retrieve(gatewayRefundId))),
  }
}

/** Stripe allows five minutes between signing an event and its arrival. */
export const WEBHOOK_TOLERANCE_SECONDS = 300

/**
 * A webhook's body as the event it carries, once its signature proves Stripe sent it within the
 * tolerance; throws the SDK's StripeSignatureVerificationError otherwise.
 */
export function stripeEventOf(stripe: Stripe, rawBody: Buffer, signature: string, secret: string): GatewayEvent {
  const event = stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS)
  if (event.type.startsWith('payment_intent.')) {
    const intent = event.data.object as Stripe.PaymentIntent
    return {
      id: event.id,
      type: event.type,
      about: 'charge',
      intentId: intent.id,
      paymentId: intent.metadata?.paymentId ?? null,
      state: chargeStateOf(intent),
    }
  }
  if (event.type.startsWith('refund.')) {
    const refund = event.data.object as Stripe.Refund
    return { id: event.id, type: event.type, about: 'refund', gatewayRefundId: refund.id, state: refundStateOf(refund) }
  }
  return { id: event.id, type: event.type, about: 'other' }
}

export const isSignatureError = (error: unknown) => error instanceof Stripe.errors.StripeSignatureVerificationError
