import { defineEventHandler } from 'h3'
import { noContentOrProblem } from '#kernel/http/respond'
import { resendConfirmation } from '#layers/identity/server/features/confirm-email'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/confirm-email/resend (signed in): a new confirmation link, mailed; 409 once confirmed. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  return noContentOrProblem(event, await resendConfirmation(identity, claims.userId))
})
