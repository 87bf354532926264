import type { ReviewDto } from '../../contracts'
import type { ProductDocument, ReviewDocument, ReviewStatus } from './documents'
import { reviewOf } from './views'

/** A review as its author and the moderators see it: with where it stands in moderation. */
export type ModeratedReviewDto = ReviewDto & { status: ReviewStatus }

/** A review in the moderation queue, with the product it is about. */
export interface QueuedReviewDto extends ModeratedReviewDto {
  userId: string | null
  product: { id: string; slug: string; name: string } | null
}

export const moderatedReviewOf = (doc: ReviewDocument): ModeratedReviewDto => ({
  ...reviewOf(doc),
  status: doc.status,
})

export const queuedReviewOf = (
  doc: ReviewDocument,
  product: Pick<ProductDocument, '_id' | 'slug' | 'name'> | undefined,
): QueuedReviewDto => ({
  ...moderatedReviewOf(doc),
  userId: doc.userId,
  product: product ? { id: String(product._id), slug: product.slug, name: product.name } : null,
})
