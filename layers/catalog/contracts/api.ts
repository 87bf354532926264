import { z } from 'zod'
import { SKU_PATTERN } from './index'

/**
 * The catalog's HTTP API, as the zod schemas its answers follow: /api/openapi.json describes them,
 * and the types in index.ts are inferred from them. Server code imports these; the browser needs
 * only the types, so it never loads zod for them.
 */

/** A sku as the API takes it (a product's own or a variant's), for every module that names one. */
export const skuInput = z.string().max(48).regex(SKU_PATTERN, 'is not a sku')

/** An amount in minor units (cents) with its ISO 4217 currency: money is never a float. */
export const money = z
  .object({ amount: z.int(), currency: z.string().length(3) })
  .meta({ id: 'Money', description: 'An amount in minor units (cents) and its ISO 4217 currency.' })

/** A flexible attribute: brand or author (text), megapixels (number), sizes or colours on offer (lists). */
export const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])

export const ratingSummary = z.object({ average: z.number(), count: z.int() }).meta({ id: 'RatingSummary' })

/** What a listing, a search result or a home-page tile shows. */
export const productSummaryDto = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    price: money,
    image: z.string().nullable(),
    rating: ratingSummary,
    sku: z.string().nullable().meta({
      description:
        'What a cart takes for a product sold as itself; null when it is sold in variants (its page offers them).',
    }),
  })
  .meta({ id: 'ProductSummary' })

export const variantDto = z
  .object({
    sku: z.string(),
    name: z.string(),
    attributes: z.record(z.string(), z.string()),
    price: money,
    /** Its own pictures (a colour's), else the product's. */
    images: z.array(z.string()),
  })
  .meta({ id: 'Variant' })

export const categoryRefDto = z.object({ slug: z.string(), name: z.string() }).meta({ id: 'CategoryRef' })

export const productDto = productSummaryDto
  .extend({
    sku: z.string(),
    description: z.string(),
    images: z.array(z.string()),
    attributes: z.record(z.string(), attributeValue),
    variants: z.array(variantDto),
    /** The product's category and its ancestors, root first (breadcrumbs). */
    categoryPath: z.array(categoryRefDto),
    updatedAt: z.iso.datetime({ offset: true }),
    version: z.int(),
  })
  .meta({ id: 'Product' })

const categoryFields = {
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  parentSlug: z.string().nullable(),
  level: z.int(),
  facets: z.array(z.string()),
  featured: z.boolean(),
}

export interface CategoryDto extends z.infer<z.ZodObject<typeof categoryFields>> {
  children: CategoryDto[]
}

/** A category of the shop's tree, with its children. */
export const categoryDto: z.ZodType<CategoryDto> = z
  .object({
    ...categoryFields,
    get children() {
      return z.array(categoryDto)
    },
  })
  .meta({ id: 'Category' })

export const facetDto = z
  .object({
    key: z.string(),
    values: z.array(
      z.object({
        value: z.string(),
        /** Products this choice would give, with every other active filter applied. */
        count: z.int(),
        selected: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Facet' })

export const productPageDto = z
  .object({
    items: z.array(productSummaryDto),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    facets: z.array(facetDto),
  })
  .meta({ id: 'ProductPage' })

/** Search results, and what was searched for when the shopper's words were corrected. */
export const searchPageDto = productPageDto
  .extend({
    /** The words searched for: the shopper's, or the catalog's nearest where a word was unknown. */
    query: z.string(),
    /** The shopper's words, when they were corrected ("jackt" searched as "jacket"). */
    correctedFrom: z.string().optional(),
  })
  .meta({ id: 'SearchPage' })

/** The home page: featured categories, then featured products. */
export const homeDto = z
  .object({ categories: z.array(categoryDto), products: z.array(productSummaryDto) })
  .meta({ id: 'Home' })

export const reviewDto = z
  .object({
    id: z.string(),
    authorName: z.string(),
    rating: z.int(),
    title: z.string(),
    comment: z.string(),
    verified: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Review' })

export const reviewPageDto = z
  .object({
    items: z.array(reviewDto),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    rating: ratingSummary,
  })
  .meta({ id: 'ReviewPage' })

// What admins see.

export const reviewStatus = z.enum(['pending', 'approved', 'rejected'])

/** A review as its author and the moderators see it: with where it stands in moderation. */
export const moderatedReviewDto = reviewDto.extend({ status: reviewStatus }).meta({ id: 'ModeratedReview' })

/** A review in the moderation queue, with the product it is about. */
export const queuedReviewDto = moderatedReviewDto
  .extend({
    userId: z.string().nullable(),
    product: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'QueuedReview' })

export const reviewQueueDto = z
  .object({ items: z.array(queuedReviewDto), total: z.int(), page: z.int(), pageSize: z.int() })
  .meta({ id: 'ReviewQueue' })

/** A category as admins edit it: flat, inactive ones included, with what the shop tree leaves out. */
export const adminCategoryDto = z
  .object({
    ...categoryFields,
    path: z.array(z.string()),
    sortOrder: z.int(),
    isActive: z.boolean(),
  })
  .meta({ id: 'AdminCategory' })

export const uploadedImageDto = z.object({ url: z.string() }).meta({ id: 'UploadedImage' })
