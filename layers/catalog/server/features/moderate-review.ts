import { ObjectId } from 'mongodb'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { ReviewStatus } from '../mongo/documents'
import { moderatedReviewOf, type ModeratedReviewDto } from '../mongo/review-views'
import type { Catalog } from '../catalog'
import { updateProductRating } from './product-rating'

/**
 * A moderator's verdict. The product's rating is recounted either way: a review approved earlier
 * and rejected now must stop counting.
 */
export async function moderateReview(
  catalog: Catalog,
  id: string,
  status: Exclude<ReviewStatus, 'pending'>,
): Promise<Result<ModeratedReviewDto>> {
  const review = ObjectId.isValid(id)
    ? await catalog.collections.reviews.findOneAndUpdate(
        { _id: new ObjectId(id) },
        { $set: { status } },
        { returnDocument: 'after' },
      )
    : null
  if (!review) return refuse(404, 'The review was not found.')
  await updateProductRating(catalog, review.productId)
  return success(moderatedReviewOf(review))
}
