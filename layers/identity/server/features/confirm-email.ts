import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { done, refuse, type Result } from '#kernel/contracts/result'
import type { Identity } from '../identity'
import type { UserRecord } from '../infrastructure/users'
import { forgetProfile } from './profile'
import { rateLimited } from './rate-limits'

export const oneTimeTokenInput = z.object({ token: z.string().min(20).max(200) })

export async function sendConfirmationMail(identity: Identity, user: UserRecord): Promise<void> {
  const token = await identity.oneTimeTokens.create(user.id, 'confirm-email')
  await (
    await identity.notifications()
  ).sendAccountEmail({
    key: `identity:confirm-email:${uuidv7()}`,
    userId: user.id,
    to: user.email,
    firstName: user.firstName,
    template: 'confirm-email',
    link: `${identity.publicUrl}/confirm-email?token=${token}`,
  })
}

/**
 * Mails a new confirmation link to a signed-in user whose address is not confirmed yet (the first
 * link expired or never arrived). Earlier links keep working until they expire.
 */
export async function resendConfirmation(identity: Identity, userId: string): Promise<Result<void>> {
  const limited = await rateLimited(identity.limiter, 'confirmation-mail-per-account', userId)
  if (limited) return limited
  const user = await identity.users.byId(userId)
  if (!user) return refuse(404, 'This account no longer exists.')
  if (user.emailConfirmed) return refuse(409, 'Your email address is already confirmed.', { code: 'already-confirmed' })
  await sendConfirmationMail(identity, user)
  return done
}

/**
 * Marks the email confirmed; the link works once. The cached profile goes at once, so the account
 * page says so on its next read.
 */
export async function confirmEmail(identity: Identity, token: string, ip: string): Promise<Result<void>> {
  const limited = await rateLimited(identity.limiter, 'one-time-token', ip)
  if (limited) return limited
  const userId = await identity.oneTimeTokens.consume(token, 'confirm-email')
  if (!userId) return refuse(400, 'This link is invalid, used or expired.', { code: 'link-invalid' })
  await identity.users.confirmEmail(userId)
  await forgetProfile(identity, userId)
  return done
}
