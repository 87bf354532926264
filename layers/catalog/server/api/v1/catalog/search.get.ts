import { defineEventHandler, getQuery } from 'h3'
import { invalidField } from '../../../../../../server/http/problem'
import { useCatalog } from '../../../catalog'
import { searchProducts } from '../../../features/list-products'
import { pageOrProblem } from '../../../http/respond'

const MAX_SEARCH_LENGTH = 100

/** GET /api/v1/catalog/search?q=&price=&sort=&page=: products ranked by relevance. */
export default defineEventHandler(async (event) => {
  const raw = getQuery(event)
  const q = typeof raw.q === 'string' ? raw.q.trim() : ''
  if (!q) throw invalidField('q', 'is required')
  if (q.length > MAX_SEARCH_LENGTH) throw invalidField('q', `at most ${MAX_SEARCH_LENGTH} characters`)
  return pageOrProblem(event, await searchProducts(await useCatalog(), q, raw))
})
