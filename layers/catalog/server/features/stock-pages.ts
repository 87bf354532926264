import { ObjectId } from 'mongodb'
import type { Catalog } from '../catalog'
import { purgeProductPages } from '../http/cached-pages'

/**
 * A sku's availability changed (sold out, back in stock, fewer left): its product's page and the
 * listings that show it are drawn again on their next visit. Returns whether the product is known.
 */
export async function purgeStockPages(catalog: Catalog, productId: string): Promise<boolean> {
  if (!ObjectId.isValid(productId)) return false
  const product = await catalog.collections.products.findOne(
    { _id: new ObjectId(productId) },
    { projection: { slug: 1 } },
  )
  if (!product) return false
  await purgeProductPages(product.slug)
  return true
}
