import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { adminCategoryDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateCategory } from '#layers/catalog/server/features/update-category'
import { categoryChanges } from '#layers/catalog/server/features/category-input'
import { slugParams } from '#layers/catalog/server/http/params'

export const contract = defineContract({
  summary: 'Change a category',
  description: 'Only the fields named. A new `parentSlug` moves the category with everything beneath it.',
  access: 'admin',
  params: slugParams,
  body: categoryChanges,
  response: adminCategoryDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { slug } = readParams(event, contract.params)
  const changes = await readJson(event, contract.body)
  return valueOrProblem(event, await updateCategory(await useCatalog(), slug, changes))
})
