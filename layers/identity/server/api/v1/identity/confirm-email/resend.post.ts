import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { noContentOrProblem } from '#kernel/http/respond'
import { resendConfirmation } from '#layers/identity/server/features/confirm-email'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Mail a new confirmation link',
  description: 'For a signed-in user whose address is not confirmed yet; at most 3 an hour.',
  access: 'signed-in',
  status: 204,
  response: null,
  refusals: [404, 409, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  return noContentOrProblem(event, await resendConfirmation(identity, claims.userId))
})
