import { defineEventHandler, getQuery } from 'h3'
import { invalidField } from '../../../../../../../server/http/problem'
import { useCatalog } from '../../../../catalog'
import { listCategory } from '../../../../features/list-products'
import { pageOrProblem } from '../../../../http/respond'

/**
 * GET /api/v1/catalog/products?category=&<facet>=&price=&sort=&page=&pageSize=: a category's
 * products with facet counts. Facets are the category's attribute keys plus `price` bands.
 */
export default defineEventHandler(async (event) => {
  const raw = getQuery(event)
  if (typeof raw.category !== 'string' || !raw.category) throw invalidField('category', 'is required')
  return pageOrProblem(event, await listCategory(await useCatalog(), raw.category, raw))
})
