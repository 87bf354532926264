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

/**
 * The current snapshot of each sku, in the order asked (a product's own sku or a variant's), from
 * this instance's one-second copy or else read in one query. Malformed skus are refused before the
 * read, unknown ones after it, each named by its position.
 */
export async function skuSnapshots(catalog: Catalog, skus: readonly string[]): Promise<Result<SkuSnapshot[]>> {
  if (skus.length > MAX_SKUS_PER_CALL) return invalid('skus', `at most ${MAX_SKUS_PER_CALL} at once`)
  const malformed = skus.findIndex((sku) => !SKU_PATTERN.test(sku))
  if (malformed >= 0) return invalid(`skus.${malformed}`, 'is not a sku')

  const bySku = new Map<string, SkuSnapshot>()
  for (const sku of skus) {
    const cached = catalog.skus.get(sku)
    if (cached) bySku.set(sku, cached)
  }
  const missing = [...new Set(skus)].filter((sku) => !bySku.has(sku))
  if (missing.length) {
    const products = await catalog.collections.products
      .find({ $or: [{ sku: { $in: missing } }, { 'variants.sku': { $in: missing } }] }, { projection: SNAPSHOT_FIELDS })
      .toArray()
    for (const snapshot of products.flatMap(snapshotsOf)) {
      catalog.skus.set(snapshot.sku, snapshot)
      bySku.set(snapshot.sku, snapshot)
    }
  }
  const unknown: FieldError[] = skus.flatMap((sku, index) =>
    bySku.has(sku) ? [] : [{ field: `skus.${index}`, message: `no product or variant has the sku ${sku}` }],
  )
  if (unknown.length) return refuse(404, 'Some skus are not in the catalog.', { errors: unknown })
  return success(skus.map((sku) => bySku.get(sku)!))
}
