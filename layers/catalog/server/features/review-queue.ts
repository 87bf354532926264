import type { ReviewQueueDto } from '../../contracts'
import type { ProductDocument, ReviewStatus } from '../mongo/documents'
import { queuedReviewOf } from '../mongo/review-views'
import type { Catalog } from '../catalog'

export const QUEUE_PAGE_SIZE = 20
export const MAX_QUEUE_PAGE = 100

/** Reviews in one moderation state, newest first, each with the slug and name of its product. */
export async function reviewQueue(catalog: Catalog, status: ReviewStatus, page: number): Promise<ReviewQueueDto> {
  const { reviews, products } = catalog.collections
  const [items, total] = await Promise.all([
    reviews
      .find({ status })
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * QUEUE_PAGE_SIZE)
      .limit(QUEUE_PAGE_SIZE)
      .toArray(),
    reviews.countDocuments({ status }),
  ])
  const named = await products
    .find({ _id: { $in: items.map((review) => review.productId) } })
    .project<Pick<ProductDocument, '_id' | 'slug' | 'name'>>({ slug: 1, name: 1 })
    .toArray()
  const byId = new Map(named.map((product) => [String(product._id), product]))
  return {
    items: items.map((review) => queuedReviewOf(review, byId.get(String(review.productId)))),
    total,
    page,
    pageSize: QUEUE_PAGE_SIZE,
  }
}
