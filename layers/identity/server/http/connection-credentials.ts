import { parse } from 'cookie-es'
import type { ConnectionSession } from '../../contracts'
import type { Identity } from '../identity'
import { bearerToken, liveClaims } from './authenticate'
import { cookieNames } from './session-cookies'

/**
 * A bearer token, else the access cookie, checked as a request's would be, but never refreshed:
 * a WebSocket upgrade cannot set the renewed cookies, and rotating the refresh token without them
 * would sign the browser out. A page whose access cookie expired asks any API first, then reconnects.
 */
export async function authenticateConnection(
  identity: Identity,
  { cookie, authorization }: { cookie?: string | null; authorization?: string | null },
): Promise<ConnectionSession | undefined> {
  const token = authorization ? bearerToken(authorization) : cookie && parse(cookie)[cookieNames(identity).access]
  const claims = token ? await liveClaims(identity, token) : undefined
  return claims && { userId: claims.userId, roles: claims.roles, sessionId: claims.sessionId, jti: claims.jti }
}
