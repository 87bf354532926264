import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { valueOrProblem } from '#kernel/http/respond'
import { productDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { createProduct } from '#layers/catalog/server/features/create-product'
import { productInput } from '#layers/catalog/server/features/product-input'

export const contract = defineContract({
  summary: 'Create a product',
  description: 'Announced to the other modules as `catalog.product-changed.v1`.',
  access: 'admin',
  body: productInput,
  status: 201,
  response: productDto,
  refusals: [409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, contract.body)
  return valueOrProblem(event, await createProduct(await useCatalog(), input), 201)
})
