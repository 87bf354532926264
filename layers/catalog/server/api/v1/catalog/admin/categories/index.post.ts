import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { useCatalog } from '#layers/catalog/server/catalog'
import { createCategory } from '#layers/catalog/server/features/create-category'
import { categoryInput } from '#layers/catalog/server/http/category-input'
import { valueOrProblem } from '#kernel/http/respond'

/** POST /api/v1/catalog/admin/categories (Admin): a new category, at the root or under `parentSlug`. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, categoryInput)
  return valueOrProblem(event, await createCategory(await useCatalog(), input), 201)
})
