import { createError, getRequestHeader, setResponseHeader, type H3Event } from 'h3'
import type { Result } from '#kernel/contracts/result'
import { valueOrProblem } from '#kernel/http/respond'
import type { SessionGrant } from '../features/start-session'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import { accessClaimsOf } from './authenticate'
import { startCookieSession } from './session-cookies'

/**
 * The shop's own pages ask for their session as httpOnly cookies (`x-session: cookie`) and never
 * see a token; API clients get the tokens in the body and no cookies. (Sec-Fetch-Mode cannot tell
 * them apart: Node's fetch sends it too.)
 */
export const wantsCookieSession = (event: H3Event) => getRequestHeader(event, 'x-session') === 'cookie'

/** A new or refreshed session, as tokens or as cookies; a refused one as its problem. */
export async function respondWithSession(
  event: H3Event,
  identity: Identity,
  result: Result<SessionGrant>,
  { cookies = wantsCookieSession(event), status = 200 } = {},
) {
  const grant = valueOrProblem(event, result, status)
  setResponseHeader(event, 'cache-control', 'no-store') // RFC 6749 §5.1: token responses are never cached
  const accessTokenExpiresAt = new Date(grant.accessTokenExpiresAt * 1000).toISOString()
  if (cookies) {
    const csrfToken = await startCookieSession(event, identity, grant)
    return { user: grant.user, accessTokenExpiresAt, csrfToken }
  }
  return {
    user: grant.user,
    tokenType: 'Bearer' as const,
    accessToken: grant.accessToken,
    accessTokenExpiresAt,
    refreshToken: grant.refreshToken,
    refreshTokenExpiresAt: grant.refreshTokenExpiresAt.toISOString(),
  }
}

/** The signed-in user's claims, or 401. */
export async function requireClaims(event: H3Event, identity: Identity): Promise<AccessClaims> {
  const claims = await accessClaimsOf(identity, event)
  if (!claims) throw createError({ statusCode: 401, message: 'Sign in to continue.' })
  return claims
}
