import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateCategory } from '#layers/catalog/server/features/update-category'
import { categoryChanges } from '#layers/catalog/server/http/category-input'
import { valueOrProblem } from '#kernel/http/respond'
import { slugParams } from '#layers/catalog/server/http/params'

/** PATCH /api/v1/catalog/admin/categories/{slug} (Admin): changes the named fields; `parentSlug` moves it. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { slug } = readParams(event, slugParams)
  const changes = await readJson(event, categoryChanges)
  return valueOrProblem(event, await updateCategory(await useCatalog(), slug, changes))
})
