import { createError, defineEventHandler, getRequestHeader } from 'h3'
import { clientIp } from '#kernel/http/client-ip'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { sessionDto } from '#layers/identity/contracts/api'
import { refresh, refreshInput } from '#layers/identity/server/features/refresh'
import { respondWithSession } from '#layers/identity/server/http/respond-with-session'
import { readSessionCookies } from '#layers/identity/server/http/session-cookies'
import { useIdentity } from '#layers/identity/server/identity'

export const contract = defineContract({
  summary: 'Rotate the refresh token for a new pair',
  description:
    "API clients send the refresh token in the body; the shop's pages send no body and use the cookie. A rotated token presented again ends every session of the user; within 10 s a browser's other tab gets 409 instead.",
  access: 'public',
  body: refreshInput,
  bodyOptional: true,
  response: sessionDto,
  refusals: [401, 409, 429],
})

export default defineEventHandler(async (event) => {
  const identity = await useIdentity()
  const fromBody = getRequestHeader(event, 'content-type') !== undefined
  const token = fromBody
    ? (await readJson(event, contract.body)).refreshToken
    : readSessionCookies(event, identity).refresh
  if (!token) throw createError({ statusCode: 401, message: 'No refresh token was sent.' })
  // A token that came from the httpOnly cookie goes back into it: page scripts never see one.
  const grant = await refresh(identity, token, clientIp(event), { fromCookie: !fromBody })
  return respondWithSession(event, identity, grant, { cookies: !fromBody })
})
