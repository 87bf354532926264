import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readParams, readQuery } from '#kernel/http/read-query'
import { MAX_REVIEW_PAGE } from '#layers/catalog/contracts'
import { reviewPageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { productReviewsJson } from '#layers/catalog/server/features/product-reviews'
import { slugParams } from '#layers/catalog/server/http/params'
import { notFound, sendJsonText } from '#layers/catalog/server/http/respond'

export const contract = defineContract({
  summary: "A product's approved reviews, newest first",
  access: 'public',
  params: slugParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(MAX_REVIEW_PAGE).default(1) }),
  response: reviewPageDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, contract.params)
  const { page } = readQuery(event, contract.query)
  const json = await productReviewsJson(await useCatalog(), slug, page)
  if (!json) throw notFound('The product')
  return sendJsonText(event, json)
})
