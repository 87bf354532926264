import { Redis } from 'ioredis'
import type { InfrastructureKind } from '../config/settings'

/** Cache, carts, sessions and pub/sub: ioredis against a server, or ioredis-mock in memory. */
export interface RedisPort {
  kind: InfrastructureKind
  client: Redis
  /** A second connection for subscribers: a subscribing connection cannot issue other commands. */
  duplicate(): Redis
  close(): Promise<void>
}

export interface RedisOptions {
  redisUrl?: string
  /** Prepended to every key by the client itself; tests use one per run so runs never collide. */
  keyPrefix?: string
  connectionName?: string
}

export async function createRedis(options: RedisOptions): Promise<RedisPort> {
  const keyPrefix = options.keyPrefix ?? ''
  if (options.redisUrl) {
    const client = new Redis(options.redisUrl, {
      keyPrefix,
      connectionName: options.connectionName ?? 'shop',
      lazyConnect: true,
      // Fail a command after a few reconnect attempts instead of queueing it forever.
      maxRetriesPerRequest: 3,
      enableAutoPipelining: true,
      connectTimeout: 5_000,
    })
    // Without a listener, a connection error would crash the process; ioredis reconnects by itself.
    client.on('error', () => {})
    await client.connect()
    return {
      kind: 'real',
      client,
      duplicate: () => client.duplicate(),
      close: async () => {
        await client.quit().catch(() => client.disconnect())
      },
    }
  }

  const { default: RedisMock } = await import('ioredis-mock')
  const client = new RedisMock({ keyPrefix }) as unknown as Redis
  return {
    kind: 'embedded',
    client,
    duplicate: () => client.duplicate(),
    close: async () => {
      client.disconnect()
    },
  }
}

/** Builds a key from the seed's Redis map, e.g. `redisKey('cart', userId)` → `cart:<userId>`. */
export const redisKey = (...parts: (string | number)[]): string => parts.join(':')
