import type { Redis } from 'ioredis'
import { redisKey } from './create-redis'

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number
  windowMs: number
}

export interface RateCheck {
  subject: string
  endpoint: string
  rule: RateLimit
  /** Counts this attempt; false only reads, for limits that count failures alone. */
  count: boolean
}

export interface RateDecision {
  allowed: boolean
  /** Attempts in the window so far, this one included when counted. */
  attempts: number
  retryAfterSeconds: number
}

const keyOf = (check: Pick<RateCheck, 'subject' | 'endpoint'>) => redisKey('rate-limit', check.subject, check.endpoint)

/**
 * Fixed-window counters in Redis (`rate-limit:{subject}:{endpoint}`), shared by every instance.
 * Any number of limits are checked in one round trip: a sign-in costs the login path one, not four.
 */
export function rateLimiter(redis: Redis) {
  return {
    async check(checks: RateCheck[]): Promise<RateDecision[]> {
      const transaction = redis.multi()
      for (const check of checks) {
        const key = keyOf(check)
        // The window starts with the first attempt; NX leaves a running window alone.
        if (check.count) transaction.set(key, 0, 'PX', check.rule.windowMs, 'NX').incr(key)
        else transaction.get(key)
        transaction.pttl(key)
      }
      const replies = (await transaction.exec()) ?? []
      const failed = replies.find(([error]) => error)
      if (failed) throw failed[0]
      const values = replies.map(([, value]) => value)
      let at = 0
      return checks.map((check) => {
        if (check.count) at++ // the SET's reply
        const stored = Number(values[at++] ?? 0)
        const ttl = Number(values[at++])
        const attempts = check.count ? stored : stored + 1
        const retryAfterSeconds = Math.max(1, Math.ceil((ttl > 0 ? ttl : check.rule.windowMs) / 1000))
        return { allowed: attempts <= check.rule.limit, attempts, retryAfterSeconds }
      })
    },

    async reset(subject: string, endpoint: string): Promise<void> {
      await redis.del(keyOf({ subject, endpoint }))
    },
  }
}

export type RateLimiter = ReturnType<typeof rateLimiter>
