import { invalid, refuse, success, type FieldError, type Result } from '#kernel/contracts/result'
import { MAX_SKUS_PER_CALL, SKU_PATTERN, type SkuSnapshot } from '../../contracts'
import type { ProductDocument } from '../mongo/documents'
import type { Catalog } from '../catalog'

const SNAPSHOT_FIELDS = { sku: 1, slug: 1, name: 1, price: 1, currency: 1, images: 1, status: 1, variants: 1 }

/** Every sku a product document sells or names: its own, and each variant's. */
function snapshotsOf(product: ProductDocument): SkuSnapshot[] {
  const common = {
    productId: String(product._id),
    slug: product.slug,
    name: product.name,
    image: product.images[0] ?? null,
    status: product.status,
  }
  const active = product.status === 'active'
  return [
    {
      ...common,
      sku: product.sku,
      variantName: null,
      price: { amount: product.price, currency: product.currency },
      purchasable: active && product.variants.length === 0,
    },
    ...product.variants.map((variant) => ({
      ...common,
      sku: variant.sku,
      variantName: variant.name,
      price: { amount: product.price + variant.priceModifier, currency: product.currency },
      purchasable: active,
    })),
  ]
}

/** A snapshot younger than this is current; every instance sees a change within it. */
const FRESH_MS = 1_000
/** An older one, up to this age, is answered once more while a read renews it in the background. */
const USABLE_MS = 10_000

/** Reads skus into the catalog's copy; a sku already being read joins that read instead of starting another. */
function read(catalog: Catalog, skus: readonly string[]): Promise<unknown> {
  const wanted = skus.filter((sku) => !catalog.skuReads.has(sku))
  if (wanted.length) {
    const reading = catalog.collections.products
      .find({ $or: [{ sku: { $in: wanted } }, { 'variants.sku': { $in: wanted } }] }, { projection: SNAPSHOT_FIELDS })
      .toArray()
      .then((products) => {
        const readAt = Date.now()
        for (const snapshot of products.flatMap(snapshotsOf)) catalog.skus.set(snapshot.sku, { snapshot, readAt })
      })
      .finally(() => {
        for (const sku of wanted) catalog.skuReads.delete(sku)
      })
    for (const sku of wanted) catalog.skuReads.set(sku, reading)
  }
  return Promise.all(skus.map((sku) => catalog.skuReads.get(sku)))
}

/**
 * The current snapshot of each sku, in the order asked (a product's own sku or a variant's). They
 * come from this instance's copy when it is under a second old. A copy up to ten seconds old is
 * answered while one query renews it, and the rest are read in one query that concurrent callers
 * share: a busy cart costs no query per view, and a copy expiring under load costs one query, not
 * one per request. Malformed skus are refused before any read, unknown ones after it, each named by
 * its position.
 */
export async function skuSnapshots(catalog: Catalog, skus: readonly string[]): Promise<Result<SkuSnapshot[]>> {
  if (skus.length > MAX_SKUS_PER_CALL) return invalid('skus', `at most ${MAX_SKUS_PER_CALL} at once`)
  const malformed = skus.findIndex((sku) => !SKU_PATTERN.test(sku))
  if (malformed >= 0) return invalid(`skus.${malformed}`, 'is not a sku')

  const now = Date.now()
  const renew: string[] = []
  const missing: string[] = []
  for (const sku of new Set(skus)) {
    const age = now - (catalog.skus.get(sku)?.readAt ?? -Infinity)
    if (age >= USABLE_MS) missing.push(sku)
    else if (age >= FRESH_MS) renew.push(sku)
  }
  if (renew.length)
    read(catalog, renew).catch((error: unknown) => catalog.log.warn({ err: error }, 'sku snapshots not renewed'))
  if (missing.length) await read(catalog, missing)

  const snapshot = (sku: string) => catalog.skus.get(sku)?.snapshot
  const unknown: FieldError[] = skus.flatMap((sku, index) =>
    snapshot(sku) ? [] : [{ field: `skus.${index}`, message: `no product or variant has the sku ${sku}` }],
  )
  if (unknown.length) return refuse(404, 'Some skus are not in the catalog.', { errors: unknown })
  return success(skus.map((sku) => snapshot(sku)!))
}
