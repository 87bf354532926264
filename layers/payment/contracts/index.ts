import { moduleToken } from '#kernel/contracts/module'

/**
 * The public face of the payment context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const PAYMENT_CONTEXT = 'payment' as const

/**
 * Where a payment stands (ADR 0014): `processing` until the gateway answers, `requires_action`
 * while the customer authenticates, then `succeeded` or `failed`; a succeeded payment may be
 * `partially_refunded`, then `refunded`. Failed and refunded are final.
 */
export type PaymentStatus =
  'processing' | 'requires_action' | 'succeeded' | 'failed' | 'partially_refunded' | 'refunded'

/** An amount in minor units (cents) and its ISO 4217 currency: money is never a float. */
export interface Money {
  amount: number
  currency: string
}

/** One of the simulated gateway's test cards: the card a shopper types, and the payment method it stands for. */
export interface TestCard {
  number: string
  paymentMethod: string
  /** What paying with it does, for the checkout page to show. */
  behaviour: string
}

/** Stripe's test cards and payment methods, which the simulated gateway honours the same way. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242 4242 4242 4242', paymentMethod: 'pm_card_visa', behaviour: 'succeeds' },
  { number: '5555 5555 5555 4444', paymentMethod: 'pm_card_mastercard', behaviour: 'succeeds' },
  { number: '4000 0000 0000 0002', paymentMethod: 'pm_card_chargeDeclined', behaviour: 'is declined' },
  {
    number: '4000 0000 0000 9995',
    paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
    behaviour: 'is declined for insufficient funds',
  },
  {
    number: '4000 0027 6000 3184',
    paymentMethod: 'pm_card_authenticationRequired',
    behaviour: 'asks the customer to authenticate',
  },
]

/** What the checkout page needs to take a payment method. */
export type CheckoutPayment =
  { gateway: 'stripe'; publishableKey: string } | { gateway: 'simulated'; testCards: readonly TestCard[] }

/** An order's latest payment attempt, as other modules see it. */
export interface PaymentSummary {
  paymentId: string
  orderId: string
  attempt: number
  status: PaymentStatus
  amount: Money
  refunded: number
  /** Why it failed, in words a customer can read. */
  failureReason: string | null
  /** Where the customer authenticates, while the payment requires it. */
  actionUrl: string | null
}

/** Payment's in-process interface; the saga talks to payment through its commands instead. */
export interface PaymentModule {
  checkout(): CheckoutPayment
  latestPayment(orderId: string): Promise<PaymentSummary | undefined>
}

export const PaymentModule = moduleToken<PaymentModule>(PAYMENT_CONTEXT)
