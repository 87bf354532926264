/**
 * The port every payment gateway adapter implements (Stripe, simulated). Calls are idempotent by
 * the key the caller passes: the same key again answers what it answered the first time, and
 * charges or refunds nothing new. An adapter throws `GatewayUnavailableError` when it could not
 * get an answer (timeouts, 5xx, rate limits, after its own retries): the caller tries again later
 * with the same key.
 */

export interface ChargeRequest {
  /** Derived from the order and the attempt; every call of the charge derives its own from it. */
  idempotencyKey: string
  paymentId: string
  orderId: string
  amount: number
  currency: string
  paymentMethod: string
  /** Absolute: where the customer comes back after authenticating. */
  returnUrl: string
}

/** What a gateway says of a charge (Stripe's PaymentIntent, reduced to what the shop acts on). */
export type ChargeState =
  | { status: 'succeeded'; intentId: string }
  | { status: 'requires_action'; intentId: string; actionUrl: string }
  | { status: 'processing'; intentId: string }
  | { status: 'failed'; intentId: string | null; code: string }

export interface RefundRequest {
  idempotencyKey: string
  intentId: string
  amount: number
}

export type RefundState =
  | { status: 'succeeded' | 'pending'; gatewayRefundId: string }
  | { status: 'failed'; gatewayRefundId: string | null; code: string }

/** Something the gateway tells the shop on its own (a webhook, the simulated challenge), by its id. */
export type GatewayEvent = { id: string; type: string } & (
  | { about: 'charge'; intentId: string; paymentId: string | null; state: ChargeState }
  | { about: 'refund'; gatewayRefundId: string; state: RefundState }
  | { about: 'other' }
)

export interface PaymentGateway {
  readonly kind: 'stripe' | 'simulated'
  charge(request: ChargeRequest): Promise<ChargeState>
  retrieve(intentId: string): Promise<ChargeState>
  /** Gives up a charge that waits for the customer; answers the state it ends in. */
  cancel(intentId: string, idempotencyKey: string): Promise<ChargeState>
  refund(request: RefundRequest): Promise<RefundState>
  retrieveRefund(gatewayRefundId: string): Promise<RefundState>
}

/** No answer from the gateway: try again later with the same idempotency key. */
export class GatewayUnavailableError extends Error {
  override name = 'GatewayUnavailableError'
}

/** The same idempotency key was sent with other parameters: a bug, never retried. */
export class IdempotencyMismatchError extends Error {
  override name = 'IdempotencyMismatchError'
}

export const chargeKey = (orderId: string, attempt: number) => `order-${orderId}-attempt-${attempt}`
export const refundKey = (refundId: string) => `refund-${refundId}`
