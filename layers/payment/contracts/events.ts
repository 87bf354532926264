import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'

/**
 * Payment's commands (what the checkout saga asks of it) and the events it answers with. Both
 * commands are idempotent: a charge by its order and attempt, a refund by its id. Sent again,
 * they charge or refund nothing new and reply what they replied the first time.
 */

const orderId = z.uuid()
const paymentId = z.uuid()
const attempt = z.int().min(1).max(99)
const money = z.object({
  amount: z.int().positive().max(99_999_999),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals'),
})
/** A payment method is only ever an id the gateway gave (Stripe's `pm_…`), never a card number. */
const paymentMethod = z.string().regex(/^pm_[A-Za-z0-9_]{1,100}$/, 'a payment method id (pm_…)')
/** Where the customer comes back after authenticating: a path of this shop, never another site. */
const returnPath = z
  .string()
  .max(300)
  .regex(/^\/(?![/\\])[^\s]*$/, 'a path of this shop')

/** Command: charge an order's total. Replied with Completed, Failed, or ActionRequired then one of them. */
export const ProcessPayment = defineMessage(
  'payment.process.v1',
  z.object({ orderId, attempt, userId: z.uuid().optional(), amount: money, paymentMethod, returnPath }),
)

/** Command: give money back, all that is left (no amount) or part of it. Replied with Refunded or RefundFailed. */
export const RefundPayment = defineMessage(
  'payment.refund.v1',
  z.object({
    orderId,
    /** Chosen by the sender; the refund's idempotency key. */
    refundId: z.uuid(),
    amount: z.int().positive().max(99_999_999).optional(),
    reason: z.string().min(1).max(200),
  }),
)

export const PaymentCompleted = defineMessage(
  'payment.completed.v1',
  z.object({ orderId, paymentId, attempt, amount: money }),
)

/** The customer must authenticate (3-D Secure) at `actionUrl`; the outcome follows later. */
export const PaymentActionRequired = defineMessage(
  'payment.action-required.v1',
  z.object({ orderId, paymentId, attempt, actionUrl: z.url() }),
)

export const PaymentFailed = defineMessage(
  'payment.failed.v1',
  z.object({
    orderId,
    paymentId,
    attempt,
    /** Stable, for programs: `card_declined`, `insufficient_funds`, `authentication_failed`, … */
    code: z.string(),
    /** One sentence a customer can read: "Your card was declined." */
    reason: z.string(),
  }),
)

export const PaymentRefunded = defineMessage(
  'payment.refunded.v1',
  z.object({
    orderId,
    paymentId,
    refundId: z.uuid(),
    amount: money,
    /** Everything refunded of this payment so far, this refund included. */
    refundedTotal: z.int().positive(),
    fullyRefunded: z.boolean(),
  }),
)

export const RefundFailed = defineMessage(
  'payment.refund-failed.v1',
  z.object({ orderId, refundId: z.uuid(), code: z.string(), reason: z.string() }),
)

export type ProcessPaymentPayload = z.infer<typeof ProcessPayment.payload>
export type RefundPaymentPayload = z.infer<typeof RefundPayment.payload>
