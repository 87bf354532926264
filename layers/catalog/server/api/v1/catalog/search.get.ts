import { defineEventHandler, getQuery } from 'h3'
import { invalidField } from '#kernel/http/problem'
import { useCatalog } from '#layers/catalog/server/catalog'
import { searchProducts } from '#layers/catalog/server/features/list-products'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

const MAX_SEARCH_LENGTH = 100

/** GET /api/v1/catalog/search?q=&price=&sort=&page=: products ranked by relevance. */
export default defineEventHandler(async (event) => {
  const raw = getQuery(event)
  const q = typeof raw.q === 'string' ? raw.q.trim() : ''
  if (!q) throw invalidField('q', 'is required')
  if (q.length > MAX_SEARCH_LENGTH) throw invalidField('q', `at most ${MAX_SEARCH_LENGTH} characters`)
  return pageOrProblem(event, await searchProducts(await useCatalog(), q, raw))
})
