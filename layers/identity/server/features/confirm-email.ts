import { createError } from 'h3'
import { z } from 'zod'
import type { Identity } from '../identity'
import type { UserRecord } from '../infrastructure/users'
import { enforceRateLimit } from './rate-limits'

export const oneTimeTokenInput = z.object({ token: z.string().min(20).max(200) })

export async function sendConfirmationMail(identity: Identity, user: UserRecord): Promise<void> {
  const token = await identity.oneTimeTokens.create(user.id, 'confirm-email')
  await identity.mail({
    to: user.email,
    subject: 'Confirm your email address',
    text: `Hello ${user.firstName},\n\nconfirm your address by opening this link within 48 hours:\n${identity.publicUrl}/confirm-email?token=${token}\n`,
  })
}

/** Marks the email confirmed; the link works once. */
export async function confirmEmail(identity: Identity, token: string, ip: string): Promise<void> {
  await enforceRateLimit(identity.limiter, 'one-time-token', ip)
  const userId = await identity.oneTimeTokens.consume(token, 'confirm-email')
  if (!userId) throw createError({ statusCode: 400, message: 'This link is invalid, used or expired.' })
  await identity.users.confirmEmail(userId)
}
