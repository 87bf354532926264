import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { MAX_SEARCH_LENGTH } from '#layers/catalog/contracts'
import { productPageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { searchProducts } from '#layers/catalog/server/features/list-products'
import { listingQuery } from '#layers/catalog/server/features/listing-input'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: 'Search the products on sale',
  description: 'Best first: an exact name, then text relevance over names, brands, authors and descriptions.',
  access: 'public',
  query: listingQuery.extend({
    q: z.string({ error: 'is required' }).meta({ description: `At most ${MAX_SEARCH_LENGTH} characters.` }),
  }),
  response: productPageDto,
})

export default defineEventHandler(async (event) => {
  const query = readQuery(event, contract.query)
  return pageOrProblem(event, await searchProducts(await useCatalog(), query.q, query))
})
