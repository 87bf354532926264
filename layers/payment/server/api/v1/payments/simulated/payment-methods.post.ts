import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { testPaymentMethodDto } from '#layers/payment/contracts/api'
import { testCardInput, testPaymentMethod } from '#layers/payment/server/features/test-payment-method'
import { usePayment } from '#layers/payment/server/payment'

export const contract = defineContract({
  summary: 'Turn a test card into its payment method id (simulated payments)',
  description:
    'What Stripe.js does in Stripe mode: the checkout sends only the id on. Only the listed test cards are taken; 404 when payments go through Stripe.',
  access: 'public',
  body: testCardInput,
  response: testPaymentMethodDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const input = await readJson(event, contract.body)
  return valueOrProblem(event, testPaymentMethod(await usePayment(), input))
})
