import { defineEventHandler, getQuery, setResponseStatus } from 'h3'
import { clientIp } from '../../../../../../server/http/client-ip'
import { logout } from '../../../features/logout'
import { requireClaims } from '../../../http/respond-with-session'
import { clearSessionCookies } from '../../../http/session-cookies'
import { useIdentity } from '../../../identity'

/** POST /api/v1/identity/logout[?everywhere=true]: the access token stops working at once. */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const claims = await requireClaims(event, identity)
  await logout(identity, claims, clientIp(event), getQuery(event).everywhere === 'true')
  clearSessionCookies(event, identity)
  setResponseStatus(event, 204)
  return null
})
