import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { productPageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { listCategory } from '#layers/catalog/server/features/list-products'
import { listingQuery } from '#layers/catalog/server/features/listing-input'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: "A category's products, with facet counts",
  description:
    "The category's whole subtree, filtered by any of its facets (`?size=M&size=L&brand=Acme`: values of one facet are alternatives) and by price bands, sorted and paged. Each facet counts with every other filter applied but its own.",
  access: 'public',
  query: listingQuery.extend({ category: z.string({ error: 'is required' }).min(1, 'is required') }),
  response: productPageDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const query = readQuery(event, contract.query)
  return pageOrProblem(event, await listCategory(await useCatalog(), query.category, query))
})
