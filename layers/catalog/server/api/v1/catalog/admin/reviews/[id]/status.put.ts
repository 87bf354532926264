import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { moderateReview } from '#layers/catalog/server/features/moderate-review'
import { valueOrProblem } from '#kernel/http/respond'
import { idParams } from '#layers/catalog/server/http/params'
import { moderationInput } from '#layers/catalog/server/http/review-input'

const params = idParams('review')

/** PUT /api/v1/catalog/admin/reviews/{id}/status (Admin): approves or rejects; the product's rating follows. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const { status } = await readJson(event, moderationInput)
  return valueOrProblem(event, await moderateReview(await useCatalog(), id, status))
})
