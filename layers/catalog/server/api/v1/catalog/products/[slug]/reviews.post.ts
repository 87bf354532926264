import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { moderatedReviewDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { postReview } from '#layers/catalog/server/features/post-review'
import { slugParams } from '#layers/catalog/server/http/params'
import { reviewInput } from '#layers/catalog/server/features/review-input'

export const contract = defineContract({
  summary: 'Review a product',
  description: 'One review per shopper and product, shown once a moderator approves it; at most 10 attempts an hour.',
  access: 'signed-in',
  params: slugParams,
  body: reviewInput,
  status: 201,
  response: moderatedReviewDto,
  refusals: [404, 409, 429],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { slug } = readParams(event, contract.params)
  const input = await readJson(event, contract.body)
  return valueOrProblem(event, await postReview(await useCatalog(), userId, slug, input), 201)
})
