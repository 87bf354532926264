import { defineEventHandler } from 'h3'
import { readParams } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { productJsonBySlug } from '#layers/catalog/server/features/product-detail'
import { slugParams } from '#layers/catalog/server/http/params'
import { notFound, sendJsonText } from '#layers/catalog/server/http/respond'

/** GET /api/v1/catalog/products/{slug}: a product on sale, with its variants and rating. */
export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, slugParams)
  const json = await productJsonBySlug(await useCatalog(), slug)
  if (!json) throw notFound('The product')
  return sendJsonText(event, json)
})
