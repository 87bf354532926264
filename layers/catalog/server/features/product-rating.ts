import type { ObjectId } from 'mongodb'
import type { RatingSummary } from '../../contracts'
import type { Catalog } from '../catalog'
import { refreshCachedProduct } from './product-changed'

/**
 * Recounts a product's approved reviews into its `rating` and shows it at once. A plain `$set`:
 * no version bump and no event, because a rating is not a change an admin made to the product
 * (nothing downstream prices or stocks by it).
 */
export async function updateProductRating(catalog: Catalog, productId: ObjectId): Promise<RatingSummary | undefined> {
  const [totals] = await catalog.collections.reviews
    .aggregate<{ sum: number; count: number }>([
      { $match: { productId, status: 'approved' } },
      { $group: { _id: null, sum: { $sum: '$rating' }, count: { $sum: 1 } } },
    ])
    .toArray()
  // Rounded here, not with $round: MongoDB rounds halves to even, the seed and the pages do not.
  const rating = totals?.count
    ? { average: Math.round((totals.sum / totals.count) * 10) / 10, count: totals.count }
    : { average: 0, count: 0 }
  const after = await catalog.collections.products.findOneAndUpdate(
    { _id: productId },
    { $set: { rating } },
    { returnDocument: 'after' },
  )
  if (!after) return undefined
  await refreshCachedProduct(catalog, after)
  return rating
}
