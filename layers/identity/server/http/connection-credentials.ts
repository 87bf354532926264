import type { ConnectionSession } from '../../contracts'
import type { Identity } from '../identity'
import { cookieNames } from './session-cookies'

/** One cookie's value from a `Cookie` header. */
function cookieValue(header: string, name: string): string | undefined {
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at > 0 && pair.slice(0, at).trim() === name) return decodeURIComponent(pair.slice(at + 1).trim())
  }
  return undefined
}

/**
 * A bearer token, else the access cookie, checked as a request's would be, but never refreshed:
 * a WebSocket upgrade cannot set the renewed cookies, and rotating the refresh token without them
 * would sign the browser out. A page whose access cookie expired asks any API first, then reconnects.
 */
export async function authenticateConnection(
  identity: Identity,
  { cookie, authorization }: { cookie?: string | null; authorization?: string | null },
): Promise<ConnectionSession | undefined> {
  let token: string | undefined
  if (authorization) {
    const [scheme, value] = authorization.split(' ')
    if (scheme?.toLowerCase() !== 'bearer' || !value) return undefined
    token = value
  } else if (cookie) token = cookieValue(cookie, cookieNames(identity).access)
  if (!token) return undefined
  const claims = await identity.accessTokens.verify(token)
  if (!claims || !(await identity.sessions.isLive(claims))) return undefined
  return { userId: claims.userId, roles: claims.roles, sessionId: claims.sessionId, jti: claims.jti }
}
