import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'
import { moduleToken } from '#kernel/contracts/module'
import type { Result } from '#kernel/contracts/result'

/**
 * The public face of the catalog context: the only module other layers may import.
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

/** An amount in minor units (cents) with its ISO 4217 currency: money is never a float. */
export interface Money {
  amount: number
  currency: string
}

/** A flexible attribute: brand or author (text), megapixels (number), sizes or colours on offer (lists). */
export type AttributeValue = string | number | boolean | string[]

export interface RatingSummary {
  average: number
  count: number
}

/** What a listing, a search result or a home-page tile shows. */
export interface ProductSummaryDto {
  id: string
  slug: string
  name: string
  price: Money
  image: string | null
  rating: RatingSummary
}

export interface VariantDto {
  sku: string
  name: string
  attributes: Record<string, string>
  price: Money
}

export interface CategoryRefDto {
  slug: string
  name: string
}

export interface ProductDto extends ProductSummaryDto {
  sku: string
  description: string
  images: string[]
  attributes: Record<string, AttributeValue>
  variants: VariantDto[]
  /** The product's category and its ancestors, root first (breadcrumbs). */
  categoryPath: CategoryRefDto[]
  updatedAt: string
  version: number
}

export interface CategoryDto {
  id: string
  slug: string
  name: string
  description: string
  parentSlug: string | null
  level: number
  facets: string[]
  featured: boolean
  children: CategoryDto[]
}

export interface FacetValueDto {
  value: string
  /** Products this choice would give, with every other active filter applied. */
  count: number
  selected: boolean
}

export interface FacetDto {
  key: string
  values: FacetValueDto[]
}

export interface ProductPageDto {
  items: ProductSummaryDto[]
  total: number
  page: number
  pageSize: number
  facets: FacetDto[]
}

/** The home page: featured categories, then featured products. */
export interface HomeDto {
  categories: CategoryDto[]
  products: ProductSummaryDto[]
}

export interface ReviewDto {
  id: string
  authorName: string
  rating: number
  title: string
  comment: string
  verified: boolean
  createdAt: string
}

export interface ReviewPageDto {
  items: ReviewDto[]
  total: number
  page: number
  pageSize: number
  rating: RatingSummary
}

/** Published whenever a product is created, changed or archived (caches, search, basket prices). */
export const ProductChanged = defineMessage(
  'catalog.product-changed.v1',
  z.object({
    productId: z.string(),
    sku: z.string(),
    slug: z.string(),
    status: z.enum(['draft', 'active', 'archived']),
    priceAmount: z.int(),
    currency: z.string().length(3),
    version: z.int(),
  }),
)

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
