import { defineEventHandler, setResponseHeader } from 'h3'
import { z } from 'zod'
import { readParams, readQuery } from '../../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../../catalog'
import { MAX_REVIEW_PAGE, productReviews } from '../../../../../features/product-reviews'
import { slugParams } from '../../../../../http/params'
import { notFound, PUBLIC_CACHE } from '../../../../../http/respond'

const query = z.object({ page: z.coerce.number().int().min(1).max(MAX_REVIEW_PAGE).default(1) })

/** GET /api/v1/catalog/products/{slug}/reviews?page=: approved reviews, newest first. */
export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, slugParams)
  const { page } = readQuery(event, query)
  const reviews = await productReviews(await useCatalog(), slug, page)
  if (!reviews) throw notFound('The product')
  setResponseHeader(event, 'cache-control', PUBLIC_CACHE)
  return reviews
})
