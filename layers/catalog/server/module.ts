import type { CatalogModule } from '../contracts'
import type { Catalog } from './catalog'
import { skuSnapshots } from './features/sku-snapshots'

/** The catalog's in-process interface, over its features; the plugin registers it. */
export const catalogModule = (catalog: Promise<Catalog>): CatalogModule => ({
  skus: async (skus) => skuSnapshots(await catalog, skus),
})
