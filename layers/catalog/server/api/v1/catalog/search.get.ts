import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { MAX_SEARCH_LENGTH } from '#layers/catalog/contracts'
import { searchPageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { searchProducts } from '#layers/catalog/server/features/list-products'
import { listingQuery } from '#layers/catalog/server/features/listing-input'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: 'Search the products on sale',
  description:
    'Best first: an exact name, then products whose name, brand or author match every word, then text ' +
    'relevance over names, brands, authors and descriptions. A word the catalog does not know is searched ' +
    'as the nearest word it does know ("jackt" as "jacket"); `correctedFrom` then holds the words as given.',
  access: 'public',
  query: listingQuery.extend({
    q: z.string({ error: 'is required' }).meta({ description: `At most ${MAX_SEARCH_LENGTH} characters.` }),
  }),
  response: searchPageDto,
})

export default defineEventHandler(async (event) => {
  const query = readQuery(event, contract.query)
  return pageOrProblem(event, await searchProducts(await useCatalog(), query.q, query))
})
