import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { CATALOG_CONTEXT, CatalogModule } from '../../contracts'
import { registerModule } from '#kernel/modules/registry'
import { registerHandler, registerOutbox } from '#kernel/messaging/messaging'
import { registerRawBodyRoute } from '#kernel/http/body-rules'
import { registerCachedPages } from '#kernel/page-cache/registry'
import { registerFrontRead } from '#kernel/front-lane/front-lane'
import { PRODUCT_API_PREFIX, productFromMemory } from '../http/front-reads'
import { IMAGE_UPLOAD_PATH, MAX_IMAGE_BYTES } from '../features/upload-image'
import { catalogPages } from '../http/cached-pages'
import { settings } from '#kernel/config/runtime'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { createCatalog, setCatalog } from '../catalog'
import { pageReader } from '../http/page-reader'
import { purgeStockPagesHandler } from '../consumers/purge-stock-pages'
import { catalogModule } from '../module'
import { seedDemoCatalog } from '../seed/seed-catalog'

/**
 * The catalog's start-up: its collections and indexes, and on the embedded document store (a
 * developer's first `npm run dev`) the demo catalog, so the shop has something to show.
 */
export default defineNitroPlugin((nitroApp) => {
  registerOutbox(CATALOG_CONTEXT)
  registerCachedPages(catalogPages)
  registerRawBodyRoute(IMAGE_UPLOAD_PATH, MAX_IMAGE_BYTES)
  const log = rootLogger.child({ module: CATALOG_CONTEXT })
  const raw = useRuntimeConfig() as unknown as { catalogDatabase?: string }
  const catalog = (async () => {
    const infrastructure = await useInfrastructure()
    const { dataDir } = settings()
    const catalog = await createCatalog(
      infrastructure,
      { databaseName: raw.catalogDatabase || CATALOG_CONTEXT, dataDir },
      log,
    )
    if (infrastructure.mongo.kind === 'embedded') {
      const seeded = await seedDemoCatalog(catalog.collections, catalog.images)
      if (seeded.seeded) log.info({ products: seeded.products }, 'demo catalog seeded')
    }
    catalog.forwarder.start()
    registerFrontRead(PRODUCT_API_PREFIX, productFromMemory(catalog))
    return catalog
  })()
  catalog.catch((error: unknown) => {
    log.fatal({ err: error }, 'the catalog could not start')
    process.exit(1)
  })
  setCatalog(catalog)
  registerHandler(purgeStockPagesHandler(() => catalog))
  registerModule(CatalogModule, catalogModule(catalog))
  nitroApp.hooks.hook('close', async () => {
    await (await catalog).forwarder.stop()
  })
  const reader = pageReader(catalog)
  nitroApp.hooks.hook('request', (event) => {
    event.context.catalog = reader
  })
})
