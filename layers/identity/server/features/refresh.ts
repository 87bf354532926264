import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import type { RotationResult } from '../infrastructure/refresh-tokens'
import { rateLimited } from './rate-limits'
import { grantFor, type SessionGrant } from './start-session'

export const refreshInput = z.object({ refreshToken: z.string().min(20).max(200) })

const reSignIn = refuse(401, 'Your session has ended. Sign in again.')

// Two requests of one browser tab may present the same cookie at once; within this instance they
// share one rotation (and one successor) instead of the second looking like a stolen token.
const inFlight = new Map<string, Promise<RotationResult>>()

function rotateOnce(identity: Identity, token: string, ip: string, graceMs: number): Promise<RotationResult> {
  const pending = inFlight.get(token)
  if (pending) return pending
  // The session is live in Redis before the rotation commits, so a revocation racing it cannot miss it.
  const rotation = identity.refreshTokens
    .rotate(token, ip, (issued) => identity.sessions.open(issued.userId, issued.familyId), graceMs)
    .finally(() => inFlight.delete(token))
  inFlight.set(token, rotation)
  return rotation
}

/** How long a browser's other requests may still present a cookie one of them has just rotated. */
export const BROWSER_ROTATION_GRACE_MS = 10_000

/** The new pair a rotation earned, or why there is none. Reuse ends every session of the user. */
async function grantOf(identity: Identity, rotation: RotationResult): Promise<Result<SessionGrant>> {
  if (rotation.verdict === 'reuse') {
    await identity.sessions.closeAll(rotation.userId)
    identity.log.warn({ userId: rotation.userId }, 'refresh token reuse: every session of the user revoked')
  }
  if (rotation.verdict !== 'rotate') return reSignIn
  const user = await identity.users.byId(rotation.successor.userId)
  if (!user) return reSignIn
  return success(await grantFor(identity, user, rotation.successor))
}

/**
 * Exchanges a refresh token for a new pair. A token that was already rotated is reuse: every
 * session of its user ends (database and Redis), so a thief and the victim are both signed out.
 * Browsers get `BROWSER_ROTATION_GRACE_MS`: within it the old cookie is only refused (409), since
 * the request that rotated it already holds the new one.
 */
export async function refresh(
  identity: Identity,
  token: string,
  ip: string,
  { fromCookie = false } = {},
): Promise<Result<SessionGrant>> {
  const limited = await rateLimited(identity.limiter, 'refresh', ip)
  if (limited) return limited
  const rotation = await rotateOnce(identity, token, ip, fromCookie ? BROWSER_ROTATION_GRACE_MS : 0)
  if (rotation.verdict === 'superseded') return refuse(409, 'This session was just refreshed by another tab.')
  return grantOf(identity, rotation)
}

/** Who a browser request is, when its access cookie has expired; `renewed` holds new cookies to set. */
export interface ContinuedSession {
  claims: AccessClaims
  renewed?: SessionGrant
}

/**
 * A browser request whose access cookie has expired goes on with its refresh cookie. A page asks
 * for several things at once after an idle spell, so its requests race with the same cookie: the
 * first rotates it (and its answer sets the new cookies), and any other that presents it within
 * the grace, on this instance or another, is still the same session: it is answered as that
 * user, with a fresh access token of its own and no cookies, which would only undo the first's.
 */
export async function continueSession(
  identity: Identity,
  token: string,
  ip: string,
): Promise<Result<ContinuedSession>> {
  const limited = await rateLimited(identity.limiter, 'refresh', ip)
  if (limited) return limited
  const rotation = await rotateOnce(identity, token, ip, BROWSER_ROTATION_GRACE_MS)
  if (rotation.verdict !== 'superseded') {
    const grant = await grantOf(identity, rotation)
    return grant.ok ? success({ claims: grant.value.claims, renewed: grant.value }) : grant
  }
  const user = await identity.users.byId(rotation.userId)
  if (!user || user.lockedAt) return reSignIn
  const { claims } = await identity.accessTokens.issue({
    userId: user.id,
    roles: user.roles,
    sessionId: rotation.familyId,
  })
  return (await identity.sessions.isLive(claims)) ? success({ claims }) : reSignIn
}
