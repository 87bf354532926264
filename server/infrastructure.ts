import type { ModuleMigrations } from './sql/migrate'
import { migrateModules } from './sql/migrate'
import { createSql, pingSql } from './sql/create-sql'
import type { SqlPort } from './sql/sql-port'
import { createRedis, type RedisPort } from './redis/create-redis'
import { connectMongo, type MongoPort } from './mongo/connect-mongo'
import { startMessaging, type Messaging } from './messaging/messaging'
import { registerHealthCheck } from './health/health'
import type { Settings } from './config/settings'
import { rootLogger } from './log/logger'

export interface Infrastructure {
  sql: SqlPort
  redis: RedisPort
  mongo: MongoPort
  messaging: Messaging
  close(): Promise<void>
}

// Contexts' plugins may ask for the infrastructure before the kernel's plugin has started it.
let startedWith: (infrastructure: Promise<Infrastructure>) => void
const started = new Promise<Infrastructure>((resolve) => (startedWith = resolve))

/**
 * Connects every store the configuration names (embedded ones otherwise), applies migrations and
 * registers health probes. Nitro does not await plugins, so callers await `useInfrastructure()`.
 */
export function startInfrastructure(settings: Settings, migrations: ModuleMigrations[]): Promise<Infrastructure> {
  const starting = (async () => {
    const [sql, redis, mongo] = await Promise.all([
      createSql(settings),
      createRedis({ redisUrl: settings.redisUrl, keyPrefix: settings.redisKeyPrefix }),
      connectMongo(settings),
    ])
    const applied = await migrateModules(sql, migrations)
    if (applied.length) rootLogger.info({ applied }, 'migrations applied')
    const messaging = await startMessaging({
      sql,
      log: rootLogger,
      amqpUrl: settings.amqpUrl,
      busPrefix: settings.busPrefix,
    })

    registerHealthCheck('sql', { kind: sql.kind, probe: () => pingSql(sql) })
    registerHealthCheck('redis', { kind: redis.kind, probe: async () => void (await redis.client.ping()) })
    registerHealthCheck('mongo', { kind: mongo.kind, probe: () => mongo.ping() })
    registerHealthCheck('bus', { kind: messaging.transport.kind, probe: () => messaging.transport.probe() })
    rootLogger.info(
      { sql: sql.kind, redis: redis.kind, mongo: mongo.kind, bus: messaging.transport.kind },
      'infrastructure ready',
    )
    return {
      sql,
      redis,
      mongo,
      messaging,
      close: async () => {
        await messaging.close()
        await Promise.allSettled([sql.close(), redis.close(), mongo.close()])
      },
    }
  })()
  startedWith(starting)
  return starting
}

/** Resolves once the infrastructure plugin has connected and migrated everything. */
export const useInfrastructure = (): Promise<Infrastructure> => started
