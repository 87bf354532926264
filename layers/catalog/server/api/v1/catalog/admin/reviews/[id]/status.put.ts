import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '../../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../../catalog'
import { moderateReview } from '../../../../../../features/moderate-review'
import { valueOrProblem } from '../../../../../../http/outcome'
import { moderationInput } from '../../../../../../http/review-input'

const params = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'is not a review id') })

/** PUT /api/v1/catalog/admin/reviews/{id}/status (Admin): approves or rejects; the product's rating follows. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const { status } = await readJson(event, moderationInput)
  return valueOrProblem(event, await moderateReview(await useCatalog(), id, status))
})
