import { defineEventHandler, setResponseHeader } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { challengeDto } from '#layers/payment/contracts/api'
import { viewChallenge } from '#layers/payment/server/features/simulated-challenge'
import { intentParams } from '#layers/payment/server/http/params'
import { usePayment } from '#layers/payment/server/payment'

export const contract = defineContract({
  summary: 'A simulated payment’s authentication challenge',
  description: 'The unguessable id in the link is the customer’s only key, as on a bank’s 3-D Secure page.',
  access: 'public',
  params: intentParams,
  response: challengeDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { intent } = readParams(event, contract.params)
  setResponseHeader(event, 'cache-control', 'no-store')
  return valueOrProblem(event, await viewChallenge(await usePayment(), intent))
})
