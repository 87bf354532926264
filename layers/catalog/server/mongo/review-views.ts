import type { ModeratedReviewDto, QueuedReviewDto } from '../../contracts'
import type { ProductDocument, ReviewDocument } from './documents'
import { reviewOf } from './views'

export type { ModeratedReviewDto, QueuedReviewDto }

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
