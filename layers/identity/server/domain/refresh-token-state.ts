/** What is known about a presented refresh token when it is looked up. */
export interface StoredRefreshToken {
  expiresAt: Date
  revokedAt: Date | null
  replacedById: string | null
  /** Whether any token of its family is still usable. */
  familyAlive: boolean
}

export type RefreshVerdict = 'rotate' | 'reuse' | 'superseded' | 'revoked' | 'expired'

/**
 * `graceMs` is for browsers only (cookies), whose tabs race each other; API clients get none.
 * A rotated token presented again while its family lives means two parties hold it (RFC 9700
 * §4.14.2): the caller revokes every token the user holds. An expired token, or one whose family
 * has already ended, is merely refused, so an old copied cookie cannot sign the owner out at will.
 */
export function judgeRefreshToken(token: StoredRefreshToken, now: Date, graceMs = 0): RefreshVerdict {
  if (token.expiresAt <= now) return 'expired'
  if (token.replacedById && !token.familyAlive) return 'revoked'
  // Within the grace, a browser's second tab is presenting the cookie its first tab just rotated.
  if (token.replacedById) return now.getTime() - token.revokedAt!.getTime() < graceMs ? 'superseded' : 'reuse'
  if (token.revokedAt) return 'revoked'
  return 'rotate'
}
