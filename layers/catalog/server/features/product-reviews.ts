import type { ReviewPageDto } from '../../contracts'
import { reviewOf } from '../mongo/views'
import type { Catalog } from '../catalog'

export const REVIEWS_PAGE_SIZE = 10
export const MAX_REVIEW_PAGE = 50

export const firstReviewsKey = (slug: string) => `product-reviews:${slug}`

/**
 * A product's approved reviews, newest first; undefined when the product is not on sale. The first
 * page, which every product page shows, is cached; moderation refreshes it.
 */
export async function productReviews(catalog: Catalog, slug: string, page: number): Promise<ReviewPageDto | undefined> {
  if (page !== 1) return readReviews(catalog, slug, page)
  const json = await catalog.cache.read(firstReviewsKey(slug), async () => {
    const first = await readReviews(catalog, slug, 1)
    return first && JSON.stringify(first)
  })
  return json ? (JSON.parse(json) as ReviewPageDto) : undefined
}

async function readReviews(catalog: Catalog, slug: string, page: number): Promise<ReviewPageDto | undefined> {
  const product = await catalog.collections.products.findOne(
    { slug, status: 'active' },
    { projection: { _id: 1, rating: 1 } },
  )
  if (!product) return undefined
  const filter = { productId: product._id, status: 'approved' as const }
  const [reviews, total] = await Promise.all([
    catalog.collections.reviews
      .find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * REVIEWS_PAGE_SIZE)
      .limit(REVIEWS_PAGE_SIZE)
      .toArray(),
    catalog.collections.reviews.countDocuments(filter),
  ])
  return { items: reviews.map(reviewOf), total, page, pageSize: REVIEWS_PAGE_SIZE, rating: product.rating }
}
