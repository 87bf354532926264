import type { Redis } from 'ioredis'
import { redisKey } from '#kernel/redis/create-redis'
import { REFRESH_TOKEN_LIFETIME_MS } from './refresh-tokens'

/**
 * The live sign-ins of each user (`session:{userId}`, a set of refresh-token family ids) and the
 * access tokens signed out before they expire (`blacklist:{jti}`). An access token is accepted only
 * while its session is in the set, so revoking sessions (password change, reset, token reuse, lock)
 * takes effect at once rather than when the last access token expires.
 */
export interface SessionStore {
  open(userId: string, sessionId: string): Promise<void>
  close(userId: string, sessionId: string): Promise<void>
  /** Closes every session of the user but `keep`. */
  closeAll(userId: string, keep?: string): Promise<void>
  blacklist(jti: string, expiresAtSeconds: number): Promise<void>
  isLive(claims: { userId: string; sessionId: string; jti: string }): Promise<boolean>
}

const sessionKey = (userId: string) => redisKey('session', userId)
const blacklistKey = (jti: string) => redisKey('blacklist', jti)

// Every signed-in request asks this: one command and one reply, where MULTI/EXEC costs four of each.
const IS_LIVE = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
return 1
`
type IsLive = (sessionKey: string, blacklistKey: string, sessionId: string) => Promise<number>

/** Told when sessions end, after Redis has forgotten them. */
export type SessionsEnded = (ended: { userId: string; sessionId?: string; keep?: string }) => void

export function sessionStore(redis: Redis, ended: SessionsEnded = () => {}): SessionStore {
  if (!('identityIsLive' in redis)) redis.defineCommand('identityIsLive', { numberOfKeys: 2, lua: IS_LIVE })
  const isLive = (redis as unknown as { identityIsLive: IsLive }).identityIsLive.bind(redis)
  return {
    async open(userId, sessionId) {
      await redis
        .multi()
        .sadd(sessionKey(userId), sessionId)
        .pexpire(sessionKey(userId), REFRESH_TOKEN_LIFETIME_MS)
        .exec()
    },
    async close(userId, sessionId) {
      await redis.srem(sessionKey(userId), sessionId)
      ended({ userId, sessionId })
    },
    async closeAll(userId, keep) {
      const transaction = redis.multi().del(sessionKey(userId))
      if (keep) transaction.sadd(sessionKey(userId), keep).pexpire(sessionKey(userId), REFRESH_TOKEN_LIFETIME_MS)
      await transaction.exec()
      ended({ userId, keep })
    },
    async blacklist(jti, expiresAtSeconds) {
      const ttl = expiresAtSeconds * 1000 - Date.now()
      if (ttl > 0) await redis.set(blacklistKey(jti), '1', 'PX', ttl)
    },
    async isLive({ userId, sessionId, jti }) {
      return (await isLive(sessionKey(userId), blacklistKey(jti), sessionId)) === 1
    },
  }
}
