import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'

// What "nothing there" looks like in both tiers, so repeated misses (a crawler on dead links) stay cheap.
const NOTHING = ''

export interface JsonCacheOptions {
  /** How long this process keeps its own copy: the longest a change takes to show on every instance. */
  localTtlMs: number
  redisTtlSeconds: number
  maxEntries: number
}

export type Load = () => Promise<string | undefined>

/**
 * JSON text cached in this process's memory for a moment and in Redis for longer, loaded from the
 * database on a miss, with one load per key at a time. A hit is text, sent as it is.
 *
 * Readers fill Redis only where nothing is (SET NX) and writers always overwrite (or leave a
 * tombstone), so a reader that loaded a document just before a change cannot put the old copy back.
 */
export function createJsonCache(redis: Redis, options: JsonCacheOptions) {
  const local = new LRUCache<string, string, Load>({
    max: options.maxEntries,
    ttl: options.localTtlMs,
    fetchMethod: async (key, _stale, { context: load }) => {
      const cached = await redis.get(key)
      if (cached !== null) return cached
      const loaded = (await load()) ?? NOTHING
      await redis.set(key, loaded, 'EX', options.redisTtlSeconds, 'NX')
      return loaded
    },
  })

  return {
    /** The cached text, or what `load` finds; undefined when there is nothing. */
    async read(key: string, load: Load): Promise<string | undefined> {
      const value = await local.fetch(key, { context: load })
      return value === NOTHING || value === undefined ? undefined : value
    },

    /** This process's own fresh copy, if it holds one: never loads, never waits. */
    peek(key: string): string | undefined {
      const value = local.get(key)
      return value === NOTHING ? undefined : value
    },

    /** A writer's fresh value, or undefined for "gone": Redis at once, every instance within `localTtlMs`. */
    async write(entries: Record<string, string | undefined>): Promise<void> {
      const pipeline = redis.multi()
      for (const [key, value] of Object.entries(entries)) {
        pipeline.set(key, value ?? NOTHING, 'EX', options.redisTtlSeconds)
        local.delete(key)
      }
      await pipeline.exec()
    },

    /** Forgets keys outright (Redis and this process), for entries cheaper to rebuild than to keep fresh. */
    async forget(keys: string[]): Promise<void> {
      if (!keys.length) return
      for (const key of keys) local.delete(key)
      await redis.del(...keys)
    },
  }
}

export type JsonCache = ReturnType<typeof createJsonCache>
