import { defineEventHandler } from 'h3'
import { readParams } from '../../../../../../../server/http/read-query'
import { useCatalog } from '../../../../catalog'
import { productJsonBySlug } from '../../../../features/product-detail'
import { slugParams } from '../../../../http/params'
import { notFound, sendJsonText } from '../../../../http/respond'

/** GET /api/v1/catalog/products/{slug}: a product on sale, with its variants and rating. */
export default defineEventHandler(async (event) => {
  const { slug } = readParams(event, slugParams)
  const json = await productJsonBySlug(await useCatalog(), slug)
  if (!json) throw notFound('The product')
  return sendJsonText(event, json)
})
