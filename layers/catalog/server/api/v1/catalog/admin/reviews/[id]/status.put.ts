import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { moderatedReviewDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { moderateReview } from '#layers/catalog/server/features/moderate-review'
import { idParams } from '#layers/catalog/server/http/params'
import { moderationInput } from '#layers/catalog/server/features/review-input'

export const contract = defineContract({
  summary: 'Approve or reject a review',
  description: "The product's rating is recounted either way.",
  access: 'admin',
  params: idParams('review'),
  body: moderationInput,
  response: moderatedReviewDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const { status } = await readJson(event, contract.body)
  return valueOrProblem(event, await moderateReview(await useCatalog(), id, status))
})
