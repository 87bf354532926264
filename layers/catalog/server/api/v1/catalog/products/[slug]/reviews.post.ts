import { defineEventHandler } from 'h3'
import { requireUser } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../catalog'
import { postReview } from '../../../../../features/post-review'
import { valueOrProblem } from '../../../../../http/outcome'
import { slugParams } from '../../../../../http/params'
import { reviewInput } from '../../../../../http/review-input'

/** POST /api/v1/catalog/products/{slug}/reviews (signed in): one review per shopper, shown once approved. */
export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { slug } = readParams(event, slugParams)
  const input = await readJson(event, reviewInput)
  return valueOrProblem(event, await postReview(await useCatalog(), userId, slug, input), 201)
})
