import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { retryLater } from '#kernel/http/problem'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { postReview } from '#layers/catalog/server/features/post-review'
import { countReviewAttempt } from '#layers/catalog/server/features/review-limit'
import { valueOrProblem } from '#kernel/http/respond'
import { slugParams } from '#layers/catalog/server/http/params'
import { reviewInput } from '#layers/catalog/server/http/review-input'

/**
 * POST /api/v1/catalog/products/{slug}/reviews (signed in): one review per shopper, shown once
 * approved; 429 with Retry-After past REVIEWS_PER_HOUR attempts.
 */
export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { slug } = readParams(event, slugParams)
  const input = await readJson(event, reviewInput)
  const catalog = await useCatalog()
  const attempt = await countReviewAttempt(catalog, userId)
  if (!attempt.allowed)
    throw retryLater(429, attempt.retryAfterSeconds, 'You have posted many reviews lately. Try again later.')
  return valueOrProblem(event, await postReview(catalog, userId, slug, input), 201)
})
