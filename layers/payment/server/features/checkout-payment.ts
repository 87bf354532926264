import { TEST_CARDS, type CheckoutPayment } from '../../contracts'

/** What the checkout page needs to take a payment method: Stripe's publishable key, or the simulated gateway's test cards. */
export const checkoutPayment = (stripePublishableKey: string | undefined): CheckoutPayment =>
  stripePublishableKey
    ? { gateway: 'stripe', publishableKey: stripePublishableKey }
    : { gateway: 'simulated', testCards: TEST_CARDS }
