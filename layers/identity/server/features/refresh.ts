import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { Identity } from '../identity'
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

/** How long a browser's other tabs may still present a cookie one tab has just rotated. */
export const BROWSER_ROTATION_GRACE_MS = 10_000

/**
 * Exchanges a refresh token for a new pair. A token that was already rotated is reuse: every
 * session of its user ends (database and Redis), so a thief and the victim are both signed out.
 * Browsers get `BROWSER_ROTATION_GRACE_MS`: within it the old cookie is only refused (409), since
 * the tab that rotated it already holds the new one.
 */
export async function refresh(
  identity: Identity,
  token: string,
  ip: string,
  { fromCookie = false } = {},
): Promise<Result<SessionGrant>> {
  const limited = await rateLimited(identity.limiter, 'refresh', ip)
  if (limited) return limited
  const result = await rotateOnce(identity, token, ip, fromCookie ? BROWSER_ROTATION_GRACE_MS : 0)
  if (result.verdict === 'reuse') {
    await identity.sessions.closeAll(result.userId)
    identity.log.warn({ userId: result.userId }, 'refresh token reuse: every session of the user revoked')
  }
  if (result.verdict === 'superseded') return refuse(409, 'This session was just refreshed by another tab.')
  if (result.verdict !== 'rotate') return reSignIn
  const user = await identity.users.byId(result.successor.userId)
  if (!user) return reSignIn
  return success(await grantFor(identity, user, result.successor))
}
