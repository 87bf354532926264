import { defineEventHandler } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { noContentOrProblem } from '#kernel/http/respond'
import { changePassword, changePasswordInput } from '#layers/identity/server/features/change-password'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/change-password: needs the current password; other sessions end. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  const input = await readJson(event, changePasswordInput)
  return noContentOrProblem(event, await changePassword(identity, claims, input, clientIp(event)))
})
