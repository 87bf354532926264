import { retryLater } from '../../../../server/http/problem'
import type { RateLimit, RateLimiter } from '../infrastructure/rate-limiter'

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
} satisfies Record<string, RateLimit>

export type RateLimitName = keyof typeof RATE_LIMITS

/** Counts an attempt and throws 429 with Retry-After once the limit is passed. */
export async function enforceRateLimit(limiter: RateLimiter, name: RateLimitName, subject: string): Promise<void> {
  const decision = await limiter.hit(subject, name, RATE_LIMITS[name])
  if (!decision.allowed)
    throw retryLater(429, decision.retryAfterSeconds, 'Too many attempts. Wait a little and try again.')
}
