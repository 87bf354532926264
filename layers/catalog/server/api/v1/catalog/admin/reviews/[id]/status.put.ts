import { defineEventHandler } from 'h3'
import { requireRole } from '../../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../../catalog'
import { moderateReview } from '../../../../../../features/moderate-review'
import { valueOrProblem } from '../../../../../../http/outcome'
import { idParams } from '../../../../../../http/params'
import { moderationInput } from '../../../../../../http/review-input'

const params = idParams('review')

/** PUT /api/v1/catalog/admin/reviews/{id}/status (Admin): approves or rejects; the product's rating follows. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const { status } = await readJson(event, moderationInput)
  return valueOrProblem(event, await moderateReview(await useCatalog(), id, status))
})
