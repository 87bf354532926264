import { defineEventHandler } from 'h3'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { productDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { productJsonBySlug } from '#layers/catalog/server/features/product-detail'
import { slugParams } from '#layers/catalog/server/http/params'
import { notFound, sendJsonText } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: 'A product on sale, by its slug',
  access: 'public',
  params: slugParams,
  response: productDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, contract.params)
  const json = await productJsonBySlug(await useCatalog(), slug)
  if (!json) throw notFound('The product')
  return sendJsonText(event, json)
})
