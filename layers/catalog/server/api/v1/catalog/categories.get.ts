import { defineEventHandler, setResponseHeader } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { categoryDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { categoryIndex } from '#layers/catalog/server/features/category-index'
import { PUBLIC_CACHE } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: 'The category tree',
  description: 'Active categories, roots first, each with its children.',
  access: 'public',
  response: z.array(categoryDto),
})

export default defineEventHandler(async (event) => {
  const { tree } = await categoryIndex(await useCatalog())
  setResponseHeader(event, 'cache-control', PUBLIC_CACHE)
  return tree
})
