import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { productDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateProduct } from '#layers/catalog/server/features/update-product'
import { idParams } from '#layers/catalog/server/http/params'
import { productChanges } from '#layers/catalog/server/features/product-input'

export const contract = defineContract({
  summary: 'Change a product',
  description: 'Only the fields named, at the `version` the admin saw: a newer one is a 409.',
  access: 'admin',
  params: idParams('product'),
  body: productChanges,
  response: productDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const changes = await readJson(event, contract.body)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, changes))
})
