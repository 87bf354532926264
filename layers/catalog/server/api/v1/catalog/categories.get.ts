import { defineEventHandler, setResponseHeader } from 'h3'
import { useCatalog } from '#layers/catalog/server/catalog'
import { categoryIndex } from '#layers/catalog/server/features/category-index'
import { PUBLIC_CACHE } from '#layers/catalog/server/http/respond'

/** GET /api/v1/catalog/categories: the active category tree, roots first in sort order. */
export default defineEventHandler(async (event) => {
  const { tree } = await categoryIndex(await useCatalog())
  setResponseHeader(event, 'cache-control', PUBLIC_CACHE)
  return tree
})
