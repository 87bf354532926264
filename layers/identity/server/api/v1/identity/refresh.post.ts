import { createError, defineEventHandler, getRequestHeader } from 'h3'
import { clientIp } from '../../../../../../server/http/client-ip'
import { readJson } from '../../../../../../server/http/read-json'
import { refresh, refreshInput } from '../../../features/refresh'
import { readSessionCookies } from '../../../http/session-cookies'
import { respondWithSession } from '../../../http/respond-with-session'
import { useIdentity } from '../../../identity'

/** POST /api/v1/identity/refresh: rotates the refresh token (body for API clients, cookie for browsers). */
export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const fromBody = getRequestHeader(event, 'content-type') !== undefined
  const token = fromBody
    ? (await readJson(event, refreshInput)).refreshToken
    : readSessionCookies(event, identity).refresh
  if (!token) throw createError({ statusCode: 401, message: 'No refresh token was sent.' })
  // A token that came from the httpOnly cookie goes back into it: page scripts never see one.
  const grant = await refresh(identity, token, clientIp(event), { fromCookie: !fromBody })
  return respondWithSession(event, identity, grant, { cookies: !fromBody })
})
