import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { invalid, refuse, type Result } from '#kernel/contracts/result'
import { singleLine } from '#kernel/contracts/text'
import { EMAIL_MAX_LENGTH, IDENTITY_CONTEXT, NAME_MAX_LENGTH } from '../../contracts'
import { UserRegistered } from '../../contracts/events'
import { createEnvelope } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import type { Identity } from '../identity'
import { newPasswordField, newPasswordIssue } from './new-password'
import { rateLimited } from './rate-limits'
import { sendConfirmationMail } from './confirm-email'
import { startSession, type SessionGrant } from './start-session'

const name = singleLine().max(NAME_MAX_LENGTH, `must be at most ${NAME_MAX_LENGTH} characters`)

export const registerInput = z.object({
  email: singleLine()
    .max(EMAIL_MAX_LENGTH, `must be at most ${EMAIL_MAX_LENGTH} characters`)
    .pipe(z.email('must be an email address')),
  password: newPasswordField,
  firstName: name.min(1, 'is required'),
  lastName: name.default(''),
})

export type RegisterInput = z.output<typeof registerInput>

/**
 * Creates a Customer account and signs it in. A password the policy refuses (too short, common,
 * the email itself) is refused before anything is counted or written. The account, its role and `identity.user-registered.v1`
 * commit together; the confirmation link is mailed after. An email taken in any letter case is a 409.
 */
export async function register(identity: Identity, input: RegisterInput, ip: string): Promise<Result<SessionGrant>> {
  const weak = newPasswordIssue(input.password, input.email)
  if (weak) return invalid('password', weak)
  const limited = await rateLimited(identity.limiter, 'register', ip)
  if (limited) return limited
  const passwordHash = await identity.hasher.hash(input.password)
  const userId = uuidv7()
  const created = await withOutbox(identity.db, IDENTITY_CONTEXT, async (trx, emit) => {
    const inserted = await identity.users.insert({ id: userId, passwordHash, ...input }, trx)
    if (!inserted) return false
    await identity.users.grantRole(userId, 'Customer', trx)
    emit(
      createEnvelope(UserRegistered, {
        userId,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        via: 'password',
      }),
    )
    return true
  })
  if (!created)
    return refuse(409, 'An account with this email already exists. Sign in instead.', { code: 'email-taken' })
  const user = (await identity.users.byId(userId))!
  await sendConfirmationMail(identity, user)
  return startSession(identity, user, ip)
}
