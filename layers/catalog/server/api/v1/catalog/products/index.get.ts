import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { productPageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { listAll, listCategory } from '#layers/catalog/server/features/list-products'
import { listingQuery } from '#layers/catalog/server/features/listing-input'
import { pageOrProblem } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: "The catalog's products, or a category's, with facet counts",
  description:
    "With `category`, the category's whole subtree, filtered by any of its facets (`?size=M&size=L&brand=Acme`: values of one facet are alternatives); without, the whole catalog. Both filter by price bands, sort and page. Each facet counts with every other filter applied but its own.",
  access: 'public',
  query: listingQuery.extend({ category: z.string().min(1, 'is empty').optional() }),
  response: productPageDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const query = readQuery(event, contract.query)
  const catalog = await useCatalog()
  return pageOrProblem(
    event,
    query.category ? await listCategory(catalog, query.category, query) : await listAll(catalog, query),
  )
})
