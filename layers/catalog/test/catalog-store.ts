import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { migrateAll } from '#scripts/lib/migrate-all'
import { connectMongo, type MongoPort } from '#kernel/mongo/connect-mongo'
import { createRedis, type RedisPort } from '#kernel/redis/create-redis'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { testServices } from '#test/support/services'
import { createCatalog, type Catalog } from '../server/catalog'
import { seedDemoCatalog } from '../server/seed/seed-catalog'

export interface CatalogStore {
  catalog: Catalog
  mongo: MongoPort
  redis: RedisPort
  sql: SqlPort
  /** Who bought what, as ordering would answer it: `${userId} ${productId}`. */
  purchases: Set<string>
  close(): Promise<void>
}

/**
 * The catalog on the embedded MongoDB-wire server (or a real MongoDB when MONGODB_URL is set) and
 * the real Redis and Postgres (the events' outbox), in a database and key prefix of its own,
 * seeded with the demo catalog. The event forwarder is not started: tests run it when they mean to.
 */
export async function openCatalogStore(name: string): Promise<CatalogStore> {
  const services = testServices()
  const dataDir = await mkdtemp(join(tmpdir(), 'shop-catalog-'))
  const mongo = await connectMongo({ mongodbUrl: process.env.MONGODB_URL })
  const redis = await createRedis({ redisUrl: services.redisUrl, keyPrefix: `${services.redisKeyPrefix}${name}:` })
  const sql = await createSql({ databaseUrl: services.databaseUrl, dataDir })
  await migrateAll(sql)
  const databaseName = `catalog_${name}_${services.runId}`
  const catalog = await createCatalog({ mongo, redis, sql }, { databaseName, dataDir }, pino({ level: 'silent' }))
  await seedDemoCatalog(catalog.collections, catalog.images)
  // Ordering is not started here: purchases are what a test records (`${userId} ${productId}`).
  const purchases = new Set<string>()
  catalog.ordering = async () => ({
    hasPurchased: async (userId, productId) => purchases.has(`${userId} ${productId}`),
  })
  return {
    catalog,
    purchases,
    mongo,
    redis,
    sql,
    async close() {
      await catalog.forwarder.stop()
      await mongo.client.db(databaseName).dropDatabase()
      await Promise.allSettled([mongo.close(), redis.close(), sql.close()])
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
