import { z } from 'zod'
import { refuse, type Result } from '#kernel/contracts/result'
import { normalizeEmail } from '../domain/email'
import { singleLine } from '#kernel/contracts/text'
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../../contracts'
import type { Identity } from '../identity'
import { limitOf, tooManyAttempts } from './rate-limits'
import { startSession, type SessionGrant } from './start-session'

export const loginInput = z.object({
  email: singleLine().min(1, 'is required').max(EMAIL_MAX_LENGTH),
  password: z
    .string()
    .min(1, 'is required')
    .max(PASSWORD_MAX_LENGTH * 4),
})

// One answer for every failure, so nobody learns which emails have accounts.
const invalidCredentials = refuse(401, 'The email or password is incorrect.', { code: 'credentials' })

/**
 * Password sign-in. An unknown email, an account without a password (social sign-in only), a
 * locked account and a wrong password all answer the same, after the same argon2 work.
 */
export async function login(
  identity: Identity,
  input: z.output<typeof loginInput>,
  ip: string,
): Promise<Result<SessionGrant>> {
  const account = normalizeEmail(input.email)
  // Both lookups at once; a refused attempt is answered before any password work. The account's
  // attempt is counted now, not after hashing, so concurrent guesses cannot all slip under its limit.
  const [[byAddress, byAccount], user] = await Promise.all([
    identity.limiter.check([limitOf('login', ip), limitOf('login-failures-per-account', account)]),
    identity.users.byEmail(account),
  ])
  for (const decision of [byAddress!, byAccount!]) if (!decision.allowed) return tooManyAttempts(decision)

  const verified = user?.passwordHash
    ? await identity.hasher.verify(user.passwordHash, input.password)
    : await identity.hasher.verifyNothing(input.password).then(() => false)
  if (!user || !verified || user.lockedAt) return invalidCredentials

  let passwordHash = user.passwordHash!
  if (identity.hasher.needsRehash(passwordHash)) {
    passwordHash = await identity.hasher.hash(input.password)
    await identity.users.setPasswordHash(user.id, passwordHash)
  }
  // Only failures count against the account: a successful sign-in clears its attempts.
  const [grant] = await Promise.all([
    startSession(identity, user, ip, passwordHash),
    identity.limiter.reset(account, 'login-failures-per-account'),
  ])
  return grant
}
