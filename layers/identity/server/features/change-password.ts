import { z } from 'zod'
import { done, invalid, refuse, type Result } from '#kernel/contracts/result'
import type { Identity } from '../identity'
import type { AccessClaims } from '../infrastructure/access-tokens'
import { newPasswordField, newPasswordIssue } from './new-password'
import { rateLimited } from './rate-limits'

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: newPasswordField,
})

/**
 * Needs the current password. Every other session of the user ends at once; the one that made
 * the change stays signed in.
 */
export async function changePassword(
  identity: Identity,
  claims: AccessClaims,
  input: z.output<typeof changePasswordInput>,
  ip: string,
): Promise<Result<void>> {
  const limited = await rateLimited(identity.limiter, 'change-password-per-account', claims.userId)
  if (limited) return limited
  const user = await identity.users.byId(claims.userId)
  if (!user) return refuse(404, 'This account no longer exists.')
  const matches = user.passwordHash ? await identity.hasher.verify(user.passwordHash, input.currentPassword) : false
  if (!matches) return invalid('currentPassword', 'is not your current password')
  const problem = newPasswordIssue(input.newPassword, user.email)
  if (problem) return invalid('newPassword', problem)

  const passwordHash = await identity.hasher.hash(input.newPassword)
  await identity.db.transaction().execute(async (trx) => {
    await identity.users.setPasswordHash(user.id, passwordHash, trx)
    await identity.oneTimeTokens.retireAll(user.id, 'reset-password', trx) // a mailed link must not undo it
    await identity.refreshTokens.revokeAllOf(user.id, ip, 'password-changed', claims.sessionId, trx)
  })
  await identity.sessions.closeAll(user.id, claims.sessionId)
  return done
}
