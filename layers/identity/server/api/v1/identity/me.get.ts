import { defineEventHandler, setResponseHeader } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { valueOrProblem } from '#kernel/http/respond'
import { userDto } from '#layers/identity/contracts/api'
import { getProfile } from '#layers/identity/server/features/profile'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'The signed-in user',
  access: 'signed-in',
  response: userDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return valueOrProblem(event, await getProfile(identity, claims.userId))
})
