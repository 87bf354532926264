import type { CategoryDto, ProductDto, ReviewPageDto } from '../../contracts'
import { catalogJson, type CatalogJson } from '../../composables/catalogJson'
import type { Catalog } from '../catalog'
import { categoryIndex } from '../features/category-index'
import { featured, type HomeDto } from '../features/featured'
import { listCategory, searchProducts, type ListingOutcome } from '../features/list-products'
import { productJsonBySlug } from '../features/product-detail'
import { productReviewsJson } from '../features/product-reviews'

export type { HomeDto, ListingOutcome }

/**
 * What the catalog pages read while rendering on the server: the features themselves, called
 * directly, so a page costs no HTTP request to its own API. On the client the same data comes
 * from `/api/v1/catalog/…`. Reads the catalog keeps as JSON text come with that text.
 */
export interface CatalogPageReader {
  home(): Promise<CatalogJson<HomeDto>>
  categories(): Promise<CategoryDto[]>
  product(slug: string): Promise<CatalogJson<ProductDto> | undefined>
  listing(categorySlug: string, query: Record<string, unknown>): Promise<ListingOutcome>
  search(q: string, query: Record<string, unknown>): Promise<ListingOutcome>
  reviews(slug: string, page: number): Promise<CatalogJson<ReviewPageDto> | undefined>
}

const parsed = <T>(json: string | undefined) => (json ? catalogJson<T>(json) : undefined)

export function pageReader(catalog: Promise<Catalog>): CatalogPageReader {
  return {
    home: async () => catalogJson<HomeDto>(await featured(await catalog)),
    categories: async () => (await categoryIndex(await catalog)).tree,
    product: async (slug) => parsed<ProductDto>(await productJsonBySlug(await catalog, slug)),
    listing: async (slug, query) => listCategory(await catalog, slug, query),
    search: async (q, query) => searchProducts(await catalog, q, query),
    reviews: async (slug, page) => parsed<ReviewPageDto>(await productReviewsJson(await catalog, slug, page)),
  }
}

declare module 'h3' {
  interface H3EventContext {
    /** Set on every request by the catalog plugin, for server-side rendering. */
    catalog?: CatalogPageReader
  }
}
