import { TEST_CARDS, type PaymentModule } from '../contracts'
import { latestPayment } from './features/latest-payment'
import type { Payment } from './payment'

/** Payment's in-process interface, over its features; the plugin registers it. */
export const paymentModule = (payment: Promise<Payment>, stripePublishableKey: string | undefined): PaymentModule => ({
  checkout: () =>
    stripePublishableKey
      ? { gateway: 'stripe', publishableKey: stripePublishableKey }
      : { gateway: 'simulated', testCards: TEST_CARDS },
  latestPayment: async (orderId) => latestPayment(await payment, orderId),
})
