import { v7 as uuidv7 } from 'uuid'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { UserDto } from '../../contracts'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import type { UserRecord } from '../infrastructure/users'

/** What a sign-in, registration or refresh hands back: tokens for API clients, cookies for browsers. */
export interface SessionGrant {
  user: UserDto
  accessToken: string
  accessTokenExpiresAt: number
  refreshToken: string
  refreshTokenExpiresAt: Date
  sessionId: string
  claims: AccessClaims
  /** A new sign-in rather than a refresh: its browser gets a new CSRF token too. */
  fresh: boolean
}

export const publicUser = ({ passwordHash: _hash, lockedAt: _locked, ...user }: UserRecord): UserDto => user

/** A fresh session (a new refresh-token family) for a user who just proved who they are. */
export async function startSession(
  identity: Identity,
  user: UserRecord,
  ip: string | undefined,
  /** The password hash just verified; the session starts only if the account still has it. */
  verifiedPasswordHash?: string,
): Promise<Result<SessionGrant>> {
  // The family's row and the token's signature are independent, so they are made at once. The
  // session is live in Redis before its row exists: a revocation that commits after the row also
  // closes the session, and one that commits before it leaves the sign-in without a row.
  const familyId = uuidv7()
  const [refresh, access] = await Promise.all([
    identity.sessions
      .open(user.id, familyId)
      .then(() => identity.refreshTokens.startFamily(user.id, ip, familyId, verifiedPasswordHash)),
    identity.accessTokens.issue({ userId: user.id, roles: user.roles, sessionId: familyId }),
  ])
  if (!refresh) {
    await identity.sessions.close(user.id, familyId)
    return refuse(401, 'The account changed while signing in. Sign in again.')
  }
  return success(grantOf(user, refresh, access, true))
}

/** The grant for a rotated refresh token (the session goes on). */
export async function grantFor(
  identity: Identity,
  user: UserRecord,
  refresh: { token: string; familyId: string; expiresAt: Date },
): Promise<SessionGrant> {
  const access = await identity.accessTokens.issue({ userId: user.id, roles: user.roles, sessionId: refresh.familyId })
  return grantOf(user, refresh, access, false)
}

function grantOf(
  user: UserRecord,
  refresh: { token: string; familyId: string; expiresAt: Date },
  access: { token: string; claims: AccessClaims },
  fresh: boolean,
): SessionGrant {
  return {
    user: publicUser(user),
    accessToken: access.token,
    accessTokenExpiresAt: access.claims.expiresAt,
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refresh.expiresAt,
    sessionId: refresh.familyId,
    claims: access.claims,
    fresh,
  }
}
