import { defineEventHandler, getQuery, setResponseStatus } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { logout } from '#layers/identity/server/features/logout'
import { requireClaims } from '#layers/identity/server/http/respond-with-session'
import { clearSessionCookies } from '#layers/identity/server/http/session-cookies'
import { useIdentity } from '#layers/identity/server/identity'

/** POST /api/v1/identity/logout[?everywhere=true]: the access token stops working at once. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  await logout(identity, claims, clientIp(event), getQuery(event).everywhere === 'true')
  clearSessionCookies(event, identity)
  setResponseStatus(event, 204)
  return null
})
