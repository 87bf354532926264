import { InventoryModule } from '#layers/inventory/contracts'
import { resolveModule } from '#kernel/modules/registry'
import type { HomeDto, ProductDto, ReviewPageDto } from '../../contracts'
import { catalogJson } from '../../shared/catalog-json'
import type { CatalogPageReader } from '../../shared/page-reader'
import type { Catalog } from '../catalog'
import { categoryIndex } from '../features/category-index'
import { featured } from '../features/featured'
import { listCategory, searchProducts } from '../features/list-products'
import { productJsonBySlug } from '../features/product-detail'
import { productReviewsJson } from '../features/product-reviews'

const parsed = <T>(json: string | undefined) => (json ? catalogJson<T>(json) : undefined)

/** The catalog's features, as the pages read them while rendering on the server. */
export function pageReader(catalog: Promise<Catalog>): CatalogPageReader {
  return {
    home: async () => catalogJson<HomeDto>(await featured(await catalog)),
    categories: async () => (await categoryIndex(await catalog)).tree,
    product: async (slug) => parsed<ProductDto>(await productJsonBySlug(await catalog, slug)),
    listing: async (slug, query) => listCategory(await catalog, slug, query),
    search: async (q, query) => searchProducts(await catalog, q, query),
    reviews: async (slug, page) => parsed<ReviewPageDto>(await productReviewsJson(await catalog, slug, page)),
    availability: async (skus) =>
      skus.length ? Object.fromEntries(await (await resolveModule(InventoryModule)).availability(skus)) : {},
  }
}

declare module 'h3' {
  interface H3EventContext {
    /** Set on every request by the catalog plugin, for server-side rendering. */
    catalog?: CatalogPageReader
  }
}
