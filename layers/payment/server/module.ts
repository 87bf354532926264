import type { PaymentModule } from '../contracts'
import { checkoutPayment } from './features/checkout-payment'
import { latestPayment } from './features/latest-payment'
import type { Payment } from './payment'

/** Payment's in-process interface, over its features; the plugin registers it. */
export const paymentModule = (payment: Promise<Payment>, stripePublishableKey: string | undefined): PaymentModule => ({
  checkout: () => checkoutPayment(stripePublishableKey),
  latestPayment: async (orderId) => latestPayment(await payment, orderId),
})
