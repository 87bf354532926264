import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { readJson } from '#kernel/http/read-json'
import { useCatalog } from '#layers/catalog/server/catalog'
import { createProduct } from '#layers/catalog/server/features/create-product'
import { productInput } from '#layers/catalog/server/http/product-input'
import { valueOrProblem } from '#kernel/http/respond'

/** POST /api/v1/catalog/admin/products (Admin): a new product, announced as catalog.product-changed.v1. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const input = await readJson(event, productInput)
  return valueOrProblem(event, await createProduct(await useCatalog(), input), 201)
})
