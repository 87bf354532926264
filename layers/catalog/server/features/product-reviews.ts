import type { ReviewPageDto } from '../../contracts'
import { reviewOf } from '../mongo/views'
import type { Catalog } from '../catalog'

export const REVIEWS_PAGE_SIZE = 10

export const firstReviewsKey = (slug: string) => `product-reviews:${slug}`

/**
 * A product's approved reviews, newest first, as JSON text; undefined when the product is not on
 * sale. The first page, which every product page shows, is cached; moderation refreshes it.
 */
export async function productReviewsJson(catalog: Catalog, slug: string, page: number): Promise<string | undefined> {
  const read = async () => {
    const reviews = await readReviews(catalog, slug, page)
    return reviews && JSON.stringify(reviews)
  }
  return page === 1 ? catalog.cache.read(firstReviewsKey(slug), read) : read()
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
