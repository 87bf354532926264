import { defineEventHandler } from 'h3'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { useCatalog } from '../../../../../catalog'
import { createCategory } from '../../../../../features/create-category'
import { categoryInput } from '../../../../../http/category-input'
import { valueOrProblem } from '../../../../../http/outcome'

/** POST /api/v1/catalog/admin/categories (Admin): a new category, at the root or under `parentSlug`. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, categoryInput)
  return valueOrProblem(event, await createCategory(await useCatalog(), input), 201)
})
