import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { updateProduct } from '#layers/catalog/server/features/update-product'
import { productChanges } from '#layers/catalog/server/http/product-input'
import { valueOrProblem } from '#kernel/http/respond'
import { idParams } from '#layers/catalog/server/http/params'

const params = idParams('product')

/** PATCH /api/v1/catalog/admin/products/{id} (Admin): changes the named fields, at the version given. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, params)
  const changes = await readJson(event, productChanges)
  return valueOrProblem(event, await updateProduct(await useCatalog(), id, changes))
})
