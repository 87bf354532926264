/** What is known about a presented refresh token when it is looked up. */
export interface StoredRefreshToken {
  expiresAt: Date
  revokedAt: Date | null
  replacedById: string | null
}

export type RefreshVerdict = 'rotate' | 'reuse' | 'revoked' | 'expired'

/**
 * A rotated token presented again means two parties hold the family (RFC 9700 §4.14.2): the
 * caller revokes every token the user holds. A token revoked by logout is merely refused.
 */
export function judgeRefreshToken(token: StoredRefreshToken, now: Date): RefreshVerdict {
  if (token.replacedById) return 'reuse'
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt <= now) return 'expired'
  return 'rotate'
}
