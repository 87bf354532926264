import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { adminCategoryDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { createCategory } from '#layers/catalog/server/features/create-category'
import { categoryInput } from '#layers/catalog/server/features/category-input'

export const contract = defineContract({
  summary: 'Create a category',
  access: 'admin',
  body: categoryInput,
  status: 201,
  response: adminCategoryDto,
  refusals: [409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, contract.body)
  return valueOrProblem(event, await createCategory(await useCatalog(), input), 201)
})
