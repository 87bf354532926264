import { createError, defineEventHandler, getRequestHeader } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { readJson } from '#kernel/http/read-json'
import { refresh, refreshInput } from '#layers/identity/server/features/refresh'
import { readSessionCookies } from '#layers/identity/server/http/session-cookies'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { useIdentity } from '#layers/identity/server/identity'

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
