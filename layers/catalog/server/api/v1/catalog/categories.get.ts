import { defineEventHandler, setResponseHeader } from 'h3'
import { useCatalog } from '../../../catalog'
import { categoryIndex } from '../../../features/category-index'
import { categoryOf } from '../../../mongo/views'
import { PUBLIC_CACHE } from '../../../http/respond'

/** GET /api/v1/catalog/categories: the active category tree, roots first in sort order. */
export default defineEventHandler(async (event) => {
  const { roots } = await categoryIndex(await useCatalog())
  setResponseHeader(event, 'cache-control', PUBLIC_CACHE)
  return roots.map((root) => categoryOf(root))
})
