import type { CategoryDto, ProductDto, ReviewPageDto } from '../../contracts'
import type { Catalog } from '../catalog'
import { categoryIndex } from '../features/category-index'
import { featured, type HomeDto } from '../features/featured'
import { listCategory, searchProducts, type ListingOutcome } from '../features/list-products'
import { productJsonBySlug } from '../features/product-detail'
import { productReviews } from '../features/product-reviews'

export type { HomeDto, ListingOutcome }

/**
 * What the catalog pages read while rendering on the server: the features themselves, called
 * directly, so a page costs no HTTP request to its own API. On the client the same data comes
 * from `/api/v1/catalog/…`.
 */
export interface CatalogPageReader {
  home(): Promise<HomeDto>
  categories(): Promise<CategoryDto[]>
  product(slug: string): Promise<ProductDto | undefined>
  listing(categorySlug: string, query: Record<string, unknown>): Promise<ListingOutcome>
  search(q: string, query: Record<string, unknown>): Promise<ListingOutcome>
  reviews(slug: string, page: number): Promise<ReviewPageDto | undefined>
}

export function pageReader(catalog: Promise<Catalog>): CatalogPageReader {
  return {
    home: async () => JSON.parse(await featured(await catalog)) as HomeDto,
    categories: async () => (await categoryIndex(await catalog)).tree,
    product: async (slug) => {
      const json = await productJsonBySlug(await catalog, slug)
      return json ? (JSON.parse(json) as ProductDto) : undefined
    },
    listing: async (slug, query) => listCategory(await catalog, slug, query),
    search: async (q, query) => searchProducts(await catalog, q, query),
    reviews: async (slug, page) => productReviews(await catalog, slug, page),
  }
}

declare module 'h3' {
  interface H3EventContext {
    /** Set on every request by the catalog plugin, for server-side rendering. */
    catalog?: CatalogPageReader
  }
}
