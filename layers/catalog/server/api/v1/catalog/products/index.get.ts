import { defineEventHandler, getQuery } from 'h3'
import { invalidField } from '#kernel/http/problem'
import { useCatalog } from '#layers/catalog/server/catalog'
import { listCategory } from '#layers/catalog/server/features/list-products'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

/**
 * GET /api/v1/catalog/products?category=&<facet>=&price=&sort=&page=&pageSize=: a category's
 * products with facet counts. Facets are the category's attribute keys plus `price` bands.
 */
export default defineEventHandler(async (event) => {
  const raw = getQuery(event)
  if (typeof raw.category !== 'string' || !raw.category) throw invalidField('category', 'is required')
  return pageOrProblem(event, await listCategory(await useCatalog(), raw.category, raw))
})
