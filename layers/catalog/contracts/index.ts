import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'

/**
 * The public face of the catalog context: the only module other layers may import.
 * Its name is also its Redis key prefix, queue prefix and task prefix.
 */
export const CATALOG_CONTEXT = 'catalog' as const

/** An amount in minor units (cents) with its ISO 4217 currency: money is never a float. */
export interface Money {
  amount: number
  currency: string
}

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
