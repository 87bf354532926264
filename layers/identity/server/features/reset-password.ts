import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { done, invalid, refuse, success, type Result } from '#kernel/contracts/result'
import { singleLine } from '#kernel/contracts/text'
import { inTransaction } from '#kernel/sql/transaction'
import { EMAIL_MAX_LENGTH } from '../../contracts'
import { normalizeEmail } from '../domain/email'
import type { Identity } from '../identity'
import { newPasswordField, newPasswordIssue } from './new-password'
import { forgetProfile } from './profile'
import { rateLimited } from './rate-limits'

export const forgotPasswordInput = z.object({
  email: singleLine().max(EMAIL_MAX_LENGTH).pipe(z.email('must be an email address')),
})

export const resetPasswordInput = z.object({
  token: z.string().min(20).max(200),
  newPassword: newPasswordField,
})

/**
 * Always answers the same, whether or not the email has an account; only an existing account
 * gets a link (valid 30 minutes, single use).
 */
export async function forgotPassword(identity: Identity, email: string, ip: string): Promise<Result<void>> {
  // One spelling for the limit and the lookup, so case tricks cannot buy extra mails for one account.
  const account = normalizeEmail(email)
  const limited =
    (await rateLimited(identity.limiter, 'forgot-password', ip)) ??
    (await rateLimited(identity.limiter, 'forgot-password-per-account', account))
  if (limited) return limited
  const user = await identity.users.byEmail(account)
  if (!user) return done
  const token = await identity.oneTimeTokens.create(user.id, 'reset-password')
  await (
    await identity.notifications()
  ).sendAccountEmail({
    key: `identity:password-reset:${uuidv7()}`,
    userId: user.id,
    to: user.email,
    firstName: user.firstName,
    template: 'password-reset',
    link: `${identity.publicUrl}/reset-password?token=${token}`,
  })
  return done
}

/**
 * Sets a new password from a mailed link. Every session of the user ends at once; the mailbox
 * was proven, so the email counts as confirmed.
 */
export async function resetPassword(
  identity: Identity,
  input: z.output<typeof resetPasswordInput>,
  ip: string,
): Promise<Result<void>> {
  const limited = await rateLimited(identity.limiter, 'one-time-token', ip)
  if (limited) return limited
  // The link is checked before any argon2 work, so made-up links cost no CPU. A refused password
  // rolls the link's use back, so the shopper can try another with the same link.
  const reset = await inTransaction(identity.db, async (trx) => {
    const userId = await identity.oneTimeTokens.consume(input.token, 'reset-password', trx)
    if (!userId) return refuse(400, 'This link is invalid, used or expired.', { code: 'link-invalid' })
    const user = (await identity.users.byId(userId, trx))!
    const problem = newPasswordIssue(input.newPassword, user.email)
    if (problem) return invalid('newPassword', problem)
    await identity.users.setPasswordHash(userId, await identity.hasher.hash(input.newPassword), trx)
    await identity.users.confirmEmail(userId, trx)
    await identity.oneTimeTokens.retireAll(userId, 'reset-password', trx) // other links mailed earlier
    await identity.refreshTokens.revokeAllOf(userId, ip, 'password-reset', undefined, trx)
    return success(userId)
  })
  if (!reset.ok) return reset
  await identity.sessions.closeAll(reset.value)
  await forgetProfile(identity, reset.value)
  return done
}
