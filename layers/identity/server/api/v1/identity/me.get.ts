import { defineEventHandler, setResponseHeader } from 'h3'
import { valueOrProblem } from '#kernel/http/respond'
import { getProfile } from '#layers/identity/server/features/profile'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** GET /api/v1/identity/me: the signed-in user's profile. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  setResponseHeader(event, 'cache-control', 'private, no-store')
  return valueOrProblem(event, await getProfile(identity, claims.userId))
})
