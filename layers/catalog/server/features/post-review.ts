import { ObjectId } from 'mongodb'
import { isDuplicateKey } from '../mongo/duplicate-key'
import type { ReviewInput } from './review-input'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { ReviewDocument } from '../mongo/documents'
import { moderatedReviewOf, type ModeratedReviewDto } from '../mongo/review-views'
import type { Catalog } from '../catalog'
import { countReviewAttempt } from './review-limit'

/**
 * A signed-in shopper's review of a product on sale, at most REVIEWS_PER_HOUR attempts an hour. It waits for a moderator (`pending`) and counts
 * towards the rating only once approved. One per shopper and product: the unique index says so,
 * so two submissions racing each other cannot both get in.
 */
export async function postReview(
  catalog: Catalog,
  userId: string,
  slug: string,
  input: ReviewInput,
): Promise<Result<ModeratedReviewDto>> {
  const attempt = await countReviewAttempt(catalog, userId)
  if (!attempt.allowed)
    return refuse(429, 'You have posted many reviews lately. Try again later.', {
      retryAfterSeconds: attempt.retryAfterSeconds,
    })
  const product = await catalog.collections.products.findOne({ slug, status: 'active' }, { projection: { _id: 1 } })
  if (!product) return refuse(404, 'The product was not found.')
  const review: ReviewDocument = {
    _id: new ObjectId(),
    productId: product._id,
    userId,
    ...input,
    verified: await (await catalog.ordering()).hasPurchased(userId, String(product._id)),
    status: 'pending',
    createdAt: new Date(),
  }
  try {
    await catalog.collections.reviews.insertOne(review)
  } catch (error) {
    if (isDuplicateKey(error)) return refuse(409, 'You have already reviewed this product.')
    throw error
  }
  return success(moderatedReviewOf(review))
}
