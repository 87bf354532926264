import type { RateCheck, RateDecision } from '#kernel/redis/rate-limiter'
import type { Catalog } from '../catalog'

/** Reviews a shopper may post in an hour, accepted or refused: more looks like spam, not opinions. */
export const REVIEWS_PER_HOUR = 10

const reviewsOf = (userId: string): RateCheck => ({
  subject: userId,
  endpoint: 'catalog-reviews',
  rule: { limit: REVIEWS_PER_HOUR, windowMs: 3_600_000 },
  count: true,
})

/** Counts a shopper's attempt to post a review, and says whether it is within the limit. */
export async function countReviewAttempt(catalog: Catalog, userId: string): Promise<RateDecision> {
  const [decision] = await catalog.limiter.check([reviewsOf(userId)])
  return decision!
}
