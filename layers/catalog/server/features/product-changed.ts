import { createEnvelope } from '#kernel/messaging/envelope'
import { ProductChanged } from '../../contracts/events'
import type { Catalog } from '../catalog'
import { purgeProductPages } from '../http/cached-pages'
import type { ProductDocument } from '../mongo/documents'
import { HOME_KEY } from './featured'
import { productKey, productSlugKey, productView } from './product-detail'
import { firstReviewsKey } from './product-reviews'
import { VOCABULARY_KEY } from './search-speller'

/** The event a change publishes, describing the product as the change left it. */
export const productChangedEvent = (product: Omit<ProductDocument, 'outbox'>) =>
  createEnvelope(ProductChanged, {
    productId: String(product._id),
    sku: product.sku,
    slug: product.slug,
    status: product.status,
    priceAmount: product.price,
    currency: product.currency,
    version: product.version,
    skus: product.variants.length ? product.variants.map((variant) => variant.sku) : [product.sku],
  })

/**
 * Puts the changed product into the cache (or a tombstone where it is no longer on sale, under its
 * old slug too), so the next read anywhere sees the change: within a second on every instance. Its
 * cached pages are purged everywhere.
 */
export async function refreshCachedProduct(
  catalog: Catalog,
  after: ProductDocument,
  before?: Pick<ProductDocument, 'slug'>,
): Promise<void> {
  const id = String(after._id)
  const onSale = after.status === 'active'
  const entries: Record<string, string | undefined> = {
    [productKey(id)]: onSale ? JSON.stringify(await productView(catalog, after)) : undefined,
    [productSlugKey(after.slug)]: onSale ? id : undefined,
  }
  if (before && before.slug !== after.slug) entries[productSlugKey(before.slug)] = undefined
  catalog.listings.clear()
  catalog.skus.clear()
  await catalog.cache.write(entries)
  const slugs = [...new Set([after.slug, before?.slug ?? after.slug])]
  await catalog.cache.forget([HOME_KEY, VOCABULARY_KEY, ...slugs.map(firstReviewsKey)])
  await purgeProductPages(...slugs)
}
