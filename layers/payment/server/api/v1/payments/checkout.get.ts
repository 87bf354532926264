import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { checkoutPaymentDto } from '#layers/payment/contracts/api'
import { checkoutPayment } from '#layers/payment/server/features/checkout-payment'
import { usePayment } from '#layers/payment/server/payment'

export const contract = defineContract({
  summary: 'How the checkout takes a payment',
  description:
    "Stripe's publishable key when payments go through Stripe (the page shows the Payment Element), or the simulated gateway's test cards, with what each does.",
  access: 'public',
  response: checkoutPaymentDto,
})

export default defineEventHandler(async () => checkoutPayment((await usePayment()).stripe?.publishableKey))
