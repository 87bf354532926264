import { getRequestHeader, type H3Event } from 'h3'
import type { Principal } from '#kernel/auth/guard'
import { clientIp } from '#kernel/http/client-ip'
import { refusalError } from '#kernel/http/problem'
import { continueSession } from '../features/refresh'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import { clearSessionCookies, readSessionCookies, setSessionCookies } from './session-cookies'

declare module 'h3' {
  interface H3EventContext {
    /**
     * Who made the request, once asked (null when nobody is signed in). The promise is kept, so
     * parts of one request asking at once share one check and never refresh a session twice.
     */
    accessClaims?: Promise<AccessClaims | null>
  }
}

/** The claims of an access token that verifies and whose session still stands. */
export async function liveClaims(identity: Identity, token: string): Promise<AccessClaims | undefined> {
  const claims = await identity.accessTokens.verify(token)
  return claims && (await identity.sessions.isLive(claims)) ? claims : undefined
}

/** The token of an `Authorization: Bearer …` header; undefined for another scheme or none. */
export function bearerToken(authorization: string): string | undefined {
  const [scheme, token] = authorization.split(' ')
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined
}

/** `Authorization: Bearer` for API clients; otherwise the session cookies, refreshed when the access cookie has expired. */
async function authenticate(identity: Identity, event: H3Event): Promise<AccessClaims | undefined> {
  const authorization = getRequestHeader(event, 'authorization')
  if (authorization) {
    const token = bearerToken(authorization)
    return token ? liveClaims(identity, token) : undefined
  }
  const cookies = readSessionCookies(event, identity)
  if (cookies.access) {
    const claims = await liveClaims(identity, cookies.access)
    if (claims) return claims
  }
  if (!cookies.refresh) return undefined
  const continued = await continueSession(identity, cookies.refresh, clientIp(event))
  if (continued.ok) {
    if (continued.value.renewed) setSessionCookies(event, identity, continued.value.renewed)
    return continued.value.claims
  }
  // The session has ended (401): forget the cookies. A rate limit is the request's answer.
  if (continued.status !== 401) throw refusalError(continued)
  clearSessionCookies(event, identity)
  return undefined
}

/** Identity's claims for this request, computed once per request. */
export async function accessClaimsOf(identity: Identity, event: H3Event): Promise<AccessClaims | undefined> {
  event.context.accessClaims ??= authenticate(identity, event).then((claims) => claims ?? null)
  return (await event.context.accessClaims) ?? undefined
}

export const principalOf = (claims: AccessClaims): Principal => ({ userId: claims.userId, roles: claims.roles })
