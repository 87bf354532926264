import { refuse, type Refusal } from '#kernel/contracts/result'
import type { RateCheck, RateDecision, RateLimit, RateLimiter } from '#kernel/redis/rate-limiter'

const MINUTE = 60_000

/** Per client IP unless named otherwise; shared by every instance through Redis. */
export const RATE_LIMITS = {
  login: { limit: 20, windowMs: MINUTE },
  /** Counts failed passwords only, so a shared office IP does not lock out a user who types it right. */
  'login-failures-per-account': { limit: 10, windowMs: 15 * MINUTE },
  register: { limit: 10, windowMs: 60 * MINUTE },
  refresh: { limit: 60, windowMs: MINUTE },
  'forgot-password': { limit: 5, windowMs: 15 * MINUTE },
  'forgot-password-per-account': { limit: 3, windowMs: 60 * MINUTE },
  'one-time-token': { limit: 20, windowMs: 15 * MINUTE },
  'change-password-per-account': { limit: 5, windowMs: 15 * MINUTE },
  /** Each one mails the account's owner: a few an hour is plenty for a lost or expired link. */
  'confirmation-mail-per-account': { limit: 3, windowMs: 60 * MINUTE },
  /** Each start stores a flow in Redis for 10 minutes. */
  'oauth-start': { limit: 30, windowMs: MINUTE },
} satisfies Record<string, RateLimit>

export type RateLimitName = keyof typeof RATE_LIMITS

/** What a rate-limited endpoint checks: the named limit for one subject (an address, an account). */
export const limitOf = (name: RateLimitName, subject: string, count = true): RateCheck => ({
  subject,
  endpoint: name,
  rule: RATE_LIMITS[name],
  count,
})

export const tooManyAttempts = (decision: RateDecision): Refusal =>
  refuse(429, 'Too many attempts. Wait a little and try again.', {
    code: 'rate-limited',
    retryAfterSeconds: decision.retryAfterSeconds,
  })

/** Counts an attempt against the named limit: a 429 refusal, with when to retry, once it is passed. */
export async function rateLimited(
  limiter: RateLimiter,
  name: RateLimitName,
  subject: string,
): Promise<Refusal | undefined> {
  const [decision] = await limiter.check([limitOf(name, subject)])
  return decision!.allowed ? undefined : tooManyAttempts(decision!)
}
