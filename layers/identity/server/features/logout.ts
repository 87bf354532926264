import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'

/**
 * Ends one session at once: its access token is blacklisted until it would have expired, its
 * refresh-token family revoked, and the session closed in Redis. With `everywhere`, every session.
 */
export async function logout(identity: Identity, claims: AccessClaims, ip: string, everywhere = false): Promise<void> {
  await identity.sessions.blacklist(claims.jti, claims.expiresAt)
  if (everywhere) {
    await identity.refreshTokens.revokeAllOf(claims.userId, ip, 'signed-out-everywhere')
    await identity.sessions.closeAll(claims.userId)
  } else {
    await identity.refreshTokens.revokeFamily(claims.sessionId, ip)
    await identity.sessions.close(claims.userId, claims.sessionId)
  }
}
