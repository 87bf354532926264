import { defineEventHandler, getHeader } from 'h3'
import { readLimited } from '#kernel/http/body-rules'
import { defineContract } from '#kernel/http/contract'
import { valueOrProblem } from '#kernel/http/respond'
import { webhookReceiptDto } from '#layers/payment/contracts/api'
import { receiveStripeEvent } from '#layers/payment/server/features/receive-stripe-event'
import { STRIPE_WEBHOOK_MAX_BYTES } from '#layers/payment/server/http/stripe-webhook'
import { usePayment } from '#layers/payment/server/payment'

export const contract = defineContract({
  summary: 'Stripe’s webhook: payment and refund events',
  description:
    'Signed by Stripe (Stripe-Signature, checked on the raw body, at most 300 s old), at most 256 KiB. Every event is applied once by its id and judged against the payment’s current state; a repeat or a stale event is answered 200 and changes nothing. 404 when payments are not taken through Stripe.',
  access: 'public',
  upload: ['application/json'],
  response: webhookReceiptDto,
  refusals: [404, 413],
})

export default defineEventHandler(async (event) => {
  const payment = await usePayment()
  // The signature covers the exact bytes Stripe sent: the body is read raw, never parsed first.
  const rawBody = await readLimited(event.node.req, STRIPE_WEBHOOK_MAX_BYTES)
  return valueOrProblem(event, await receiveStripeEvent(payment, rawBody, getHeader(event, 'stripe-signature')))
})
