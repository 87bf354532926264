import type { z } from 'zod'
import { moduleToken } from '#kernel/contracts/module'
import type { Result } from '#kernel/contracts/result'
import type * as api from './api'

/**
 * The public face of the catalog context: the only module other layers may import. This file
 * holds what the browser needs too (names, limits, types), so it loads no zod; the API's schemas
 * are in api.ts and the integration events in events.ts.
 * Its name is also its Redis key prefix, queue prefix and task prefix.
 */
export const CATALOG_CONTEXT = 'catalog' as const

// Limits the API enforces and the pages offer, in one place for both.
/** How a listing may be sorted; a search also sorts by `relevance`, its default. */
export const SORTS = ['featured', 'price-asc', 'price-desc', 'newest', 'rating'] as const
export type ListingSort = (typeof SORTS)[number]
/** Deep pages cost the database a skip each; nobody reads page 101 of a category. */
export const MAX_PAGE = 100
export const MAX_REVIEW_PAGE = 50
export const MAX_SEARCH_LENGTH = 100
/** The facet every listing offers besides its category's: price bands in minor units (`2500-5000`). */
export const PRICE_FACET = 'price'

// The API's answers, as their schemas in api.ts define them.
export type Money = z.infer<typeof api.money>
export type AttributeValue = z.infer<typeof api.attributeValue>
export type RatingSummary = z.infer<typeof api.ratingSummary>
export type ProductSummaryDto = z.infer<typeof api.productSummaryDto>
export type VariantDto = z.infer<typeof api.variantDto>
export type CategoryRefDto = z.infer<typeof api.categoryRefDto>
export type ProductDto = z.infer<typeof api.productDto>
export type { CategoryDto } from './api'
export type FacetDto = z.infer<typeof api.facetDto>
export type FacetValueDto = FacetDto['values'][number]
export type ProductPageDto = z.infer<typeof api.productPageDto>
export type SearchPageDto = z.infer<typeof api.searchPageDto>
export type HomeDto = z.infer<typeof api.homeDto>
export type ReviewDto = z.infer<typeof api.reviewDto>
export type ReviewPageDto = z.infer<typeof api.reviewPageDto>
export type ReviewStatus = z.infer<typeof api.reviewStatus>
export type ModeratedReviewDto = z.infer<typeof api.moderatedReviewDto>
export type QueuedReviewDto = z.infer<typeof api.queuedReviewDto>
export type ReviewQueueDto = z.infer<typeof api.reviewQueueDto>
export type AdminCategoryDto = z.infer<typeof api.adminCategoryDto>

/** A product's or a variant's stock-keeping unit: upper-case letters, digits and hyphens. */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,47}$/
export const MAX_SKUS_PER_CALL = 100

export type ProductStatus = 'draft' | 'active' | 'archived'

/** A sku as a cart or an order needs it: what it is, what it costs now, and whether it can be bought. */
export interface SkuSnapshot {
  sku: string
  productId: string
  slug: string
  /** The product's name. */
  name: string
  /** The variant's name ("M / Camel"), or null for a product's own sku. */
  variantName: string | null
  image: string | null
  /** The current price: the product's, plus the variant's modifier. */
  price: Money
  status: ProductStatus
  /** On sale and sold by this sku: a variant of an active product, or an active product without variants. */
  purchasable: boolean
}

/** What other contexts may ask the catalog in-process (basket and ordering price their lines). */
export interface CatalogModule {
  /**
   * The skus asked for, in the order asked, in one read. A malformed sku refuses the call with a
   * 400, an unknown one with a 404, each naming its position (`skus.2`).
   */
  skus(skus: readonly string[]): Promise<Result<SkuSnapshot[]>>
}
export const CatalogModule = moduleToken<CatalogModule>(CATALOG_CONTEXT)
