import { defineEventHandler } from 'h3'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { readParams } from '../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../catalog'
import { updateCategory } from '../../../../../features/update-category'
import { categoryChanges } from '../../../../../http/category-input'
import { valueOrProblem } from '../../../../../http/outcome'
import { slugParams } from '../../../../../http/params'

/** PATCH /api/v1/catalog/admin/categories/{slug} (Admin): changes the named fields; `parentSlug` moves it. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { slug } = readParams(event, slugParams)
  const changes = await readJson(event, categoryChanges)
  return valueOrProblem(event, await updateCategory(await useCatalog(), slug, changes))
})
