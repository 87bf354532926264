import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { readParams, readQuery } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { MAX_REVIEW_PAGE } from '#layers/catalog/contracts'
import { productReviewsJson } from '#layers/catalog/server/features/product-reviews'
import { slugParams } from '#layers/catalog/server/http/params'
import { notFound, sendJsonText } from '#layers/catalog/server/http/respond'

const query = z.object({ page: z.coerce.number().int().min(1).max(MAX_REVIEW_PAGE).default(1) })

/** GET /api/v1/catalog/products/{slug}/reviews?page=: approved reviews, newest first. */
export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, slugParams)
  const { page } = readQuery(event, query)
  const json = await productReviewsJson(await useCatalog(), slug, page)
  if (!json) throw notFound('The product')
  return sendJsonText(event, json)
})
