import type { Redis } from 'ioredis'
import { redisKey } from '../../../../server/redis/create-redis'

export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number
  windowMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * Fixed-window counters in Redis (`rate-limit:{subject}:{endpoint}`), so every instance shares them.
 * `hit` counts an attempt; `peek` only reads, for limits that count failures alone.
 */
export function rateLimiter(redis: Redis) {
  const decide = (count: number, ttlMs: number, rule: RateLimit): RateDecision =>
    count <= rule.limit
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : rule.windowMs) / 1000)) }

  return {
    async hit(subject: string, endpoint: string, rule: RateLimit): Promise<RateDecision> {
      const key = redisKey('rate-limit', subject, endpoint)
      const results = await redis.multi().incr(key).pttl(key).exec()
      const count = Number(results?.[0]?.[1])
      let ttl = Number(results?.[1]?.[1])
      if (ttl < 0) {
        await redis.pexpire(key, rule.windowMs)
        ttl = rule.windowMs
      }
      return decide(count, ttl, rule)
    },
    async peek(subject: string, endpoint: string, rule: RateLimit): Promise<RateDecision> {
      const key = redisKey('rate-limit', subject, endpoint)
      const [count, ttl] = await Promise.all([redis.get(key), redis.pttl(key)])
      return decide(Number(count ?? 0) + 1, ttl, rule)
    },
    async reset(subject: string, endpoint: string): Promise<void> {
      await redis.del(redisKey('rate-limit', subject, endpoint))
    },
  }
}

export type RateLimiter = ReturnType<typeof rateLimiter>
