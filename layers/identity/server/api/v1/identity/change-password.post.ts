import { defineEventHandler, setResponseStatus } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { changePassword, changePasswordInput } from '#layers/identity/server/features/change-password'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/change-password: needs the current password; other sessions end. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  await changePassword(identity, claims, await readJson(event, changePasswordInput), clientIp(event))
  setResponseStatus(event, 204)
  return null
})
