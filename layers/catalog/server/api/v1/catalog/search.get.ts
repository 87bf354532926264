import { defineEventHandler, getQuery } from 'h3'
import { useCatalog } from '#layers/catalog/server/catalog'
import { searchProducts } from '#layers/catalog/server/features/list-products'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

/** GET /api/v1/catalog/search?q=&price=&sort=&page=: products ranked by relevance. */
export default defineEventHandler(async (event) => {
  const raw = getQuery(event)
  return pageOrProblem(event, await searchProducts(await useCatalog(), raw.q, raw))
})
