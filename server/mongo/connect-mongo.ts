import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import type { InfrastructureKind } from '../config/settings'
import { startMongoWireServer } from '../../packages/mongo-wire/src/server'

/** The catalog's document store, always reached through the official driver. */
export interface MongoPort {
  kind: InfrastructureKind
  client: MongoClient
  ping(): Promise<void>
  close(): Promise<void>
}

/**
 * MONGODB_URL when set; otherwise an in-process MongoDB-wire server on a free loopback port, its
 * data under `<dataDir>/mongo` (in memory only when `dataDir` is empty, as tests may ask).
 */
export async function connectMongo(options: { mongodbUrl?: string; dataDir?: string }): Promise<MongoPort> {
  const embedded = options.mongodbUrl
    ? undefined
    : await startMongoWireServer({ dir: options.dataDir ? join(options.dataDir, 'mongo') : undefined })
  const client = new MongoClient(options.mongodbUrl ?? embedded!.url, {
    appName: 'shop',
    serverSelectionTimeoutMS: 5_000,
  })
  await client.connect()
  return {
    kind: embedded ? 'embedded' : 'real',
    client,
    ping: async () => void (await client.db('admin').command({ ping: 1 })),
    close: async () => {
      await client.close()
      await embedded?.close()
    },
  }
}
