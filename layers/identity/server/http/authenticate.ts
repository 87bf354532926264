import { getRequestHeader, type H3Event } from 'h3'
import type { Principal } from '#kernel/auth/guard'
import { clientIp } from '#kernel/http/client-ip'
import { refusalError } from '#kernel/http/problem'
import { refresh } from '../features/refresh'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import { clearSessionCookies, readSessionCookies, setSessionCookies } from './session-cookies'

declare module 'h3' {
  interface H3EventContext {
    /** Who made the request, once asked: null when nobody is signed in. */
    accessClaims?: AccessClaims | null
  }
}

async function liveClaims(identity: Identity, token: string): Promise<AccessClaims | undefined> {
  const claims = await identity.accessTokens.verify(token)
  return claims && (await identity.sessions.isLive(claims)) ? claims : undefined
}

/** `Authorization: Bearer` for API clients; otherwise the session cookies, refreshed when the access cookie has expired. */
async function authenticate(identity: Identity, event: H3Event): Promise<AccessClaims | undefined> {
  const authorization = getRequestHeader(event, 'authorization')
  if (authorization) {
    const [scheme, token] = authorization.split(' ')
    return scheme?.toLowerCase() === 'bearer' && token ? liveClaims(identity, token) : undefined
  }
  const cookies = readSessionCookies(event, identity)
  if (cookies.access) {
    const claims = await liveClaims(identity, cookies.access)
    if (claims) return claims
  }
  if (!cookies.refresh) return undefined
  const refreshed = await refresh(identity, cookies.refresh, clientIp(event), { fromCookie: true })
  if (refreshed.ok) {
    setSessionCookies(event, identity, refreshed.value)
    return refreshed.value.claims
  }
  // The session has ended (401): forget the cookies. Another tab refreshed it a moment ago (409):
  // this request goes unauthenticated, the browser already holds the new cookies. A rate limit is
  // the request's answer.
  if (refreshed.status === 401) clearSessionCookies(event, identity)
  else if (refreshed.status !== 409) throw refusalError(refreshed)
  return undefined
}

/** Identity's claims for this request, computed once per request. */
export async function accessClaimsOf(identity: Identity, event: H3Event): Promise<AccessClaims | undefined> {
  if (event.context.accessClaims === undefined)
    event.context.accessClaims = (await authenticate(identity, event)) ?? null
  return event.context.accessClaims ?? undefined
}

export const principalOf = (claims: AccessClaims): Principal => ({ userId: claims.userId, roles: claims.roles })
