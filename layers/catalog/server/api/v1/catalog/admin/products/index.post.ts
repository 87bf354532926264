import { defineEventHandler } from 'h3'
import { requireRole } from '../../../../../../../../server/auth/guard'
import { readJson } from '../../../../../../../../server/http/read-json'
import { useCatalog } from '../../../../../catalog'
import { createProduct } from '../../../../../features/create-product'
import { productInput } from '../../../../../http/product-input'
import { valueOrProblem } from '../../../../../http/outcome'

/** POST /api/v1/catalog/admin/products (Admin): a new product, announced as catalog.product-changed.v1. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, productInput)
  return valueOrProblem(event, await createProduct(await useCatalog(), input), 201)
})
