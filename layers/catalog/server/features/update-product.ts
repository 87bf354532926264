import { ObjectId } from 'mongodb'
import { offeredValues } from '../domain/product-rules'
import type { ProductChanges } from './product-input'
import { refuse, success, type Refusal } from '#kernel/contracts/result'
import type { ProductDocument, ProductStatus } from '../mongo/documents'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'
import { conflictOf, writeProblem, type ProductWrite } from './create-product'
import { productChangedEvent, refreshCachedProduct } from './product-changed'
import { productView } from './product-detail'

const STALE = 'The product changed since you loaded it; reload it.'
const staleVersion: Refusal = refuse(409, STALE, { errors: [{ field: 'version', message: STALE }] })

/**
 * Applies an admin's change if the product is still at the version they saw; the change, the new
 * version and the event describing the result are one atomic update of the product's document.
 */
export async function updateProduct(
  catalog: Catalog,
  id: string,
  changes: Omit<ProductChanges, 'status'> & { status?: ProductStatus },
): Promise<ProductWrite> {
  const { products } = catalog.collections
  const before = ObjectId.isValid(id) ? await products.findOne({ _id: new ObjectId(id) }) : null
  if (!before) return refuse(404, 'The product was not found.')
  if (before.version !== changes.version) return staleVersion
  const problem = await writeProblem(catalog, before.sku, changes)
  if (problem) return problem

  const { version, categorySlug, ...fields } = changes
  const variants = fields.variants ?? before.variants
  const after: ProductDocument = {
    ...before,
    ...fields,
    attributes:
      fields.attributes || fields.variants
        ? { ...(fields.attributes ?? before.attributes), ...offeredValues(variants) }
        : before.attributes,
    categoryIds: categorySlug
      ? [new ObjectId((await categoryIndex(catalog)).find(categorySlug)!.id)]
      : before.categoryIds,
    updatedAt: new Date(),
    version: version + 1,
    outbox: [],
  }
  const { _id, outbox: _outbox, ...set } = after
  try {
    const result = await products.updateOne(
      { _id, version },
      { $set: set, $push: { outbox: productChangedEvent(after) } },
    )
    if (result.matchedCount === 0) return staleVersion
  } catch (error) {
    return conflictOf(error)
  }
  catalog.forwarder.nudge()
  await refreshCachedProduct(catalog, after, before)
  return success(await productView(catalog, after))
}
