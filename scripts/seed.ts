/**
 * `npm run seed`: fills an empty catalog (MONGODB_URL, database CATALOG_DATABASE or `catalog`) with
 * the demo catalog and its images (under DATA_DIR). A catalog with products is left alone. The
 * embedded store seeds itself on first start, so this is for a real MongoDB.
 */
import { MongoClient } from 'mongodb'
import { parseSettings, envNameOf, InvalidSettingsError } from '#kernel/config/settings'
import { createImageStore } from '#layers/catalog/server/infrastructure/images/image-store'
import { catalogCollections, ensureCatalogIndexes } from '#layers/catalog/server/mongo/collections'
import { seedDemoCatalog } from '#layers/catalog/server/seed/seed-catalog'

try {
  const settings = parseSettings(
    Object.fromEntries(['mongodbUrl', 'dataDir'].map((key) => [key, process.env[envNameOf(key)]])),
  )
  if (!settings.mongodbUrl)
    throw new InvalidSettingsError(['npm run seed needs MONGODB_URL (the embedded store seeds itself)'])
  const client = await new MongoClient(settings.mongodbUrl, { appName: 'shop-seed' }).connect()
  try {
    const collections = catalogCollections(client, process.env.CATALOG_DATABASE || 'catalog')
    await ensureCatalogIndexes(collections)
    const outcome = await seedDemoCatalog(collections, createImageStore(settings.dataDir))
    console.log(
      outcome.seeded ? `seeded ${outcome.products} demo products` : 'the catalog has products already; left alone',
    )
  } finally {
    await client.close()
  }
} catch (error) {
  console.error(error instanceof InvalidSettingsError ? error.message : error)
  process.exitCode = 1
}
