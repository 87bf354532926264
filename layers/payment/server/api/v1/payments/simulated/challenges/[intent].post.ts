import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { challengeAnswerDto } from '#layers/payment/contracts/api'
import { answerChallenge, challengeInput } from '#layers/payment/server/features/simulated-challenge'
import { intentParams } from '#layers/payment/server/http/params'
import { usePayment } from '#layers/payment/server/payment'

export const contract = defineContract({
  summary: 'Complete or fail a simulated payment’s authentication',
  description: 'Settles the payment as Stripe’s webhook would, once; answers where the customer goes next.',
  access: 'public',
  params: intentParams,
  body: challengeInput,
  response: challengeAnswerDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { intent } = readParams(event, contract.params)
  const { outcome } = await readJson(event, contract.body)
  return valueOrProblem(event, await answerChallenge(await usePayment(), intent, outcome))
})
