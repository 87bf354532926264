import { ObjectId } from 'mongodb'
import { offeredValues } from '../domain/product-rules'
import type { ProductChanges } from '../http/product-input'
import { refuse } from '../http/outcome'
import type { ProductDocument, ProductStatus } from '../mongo/documents'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'
import { conflictOf, writeProblem, type WriteOutcome } from './create-product'
import { productChangedEvent, refreshCachedProduct } from './product-changed'
import { productView } from './product-detail'

/**
 * Applies an admin's change if the product is still at the version they saw; the change, the new
 * version and the event describing the result are one atomic update of the product's document.
 */
export async function updateProduct(
  catalog: Catalog,
  id: string,
  changes: Omit<ProductChanges, 'status'> & { status?: ProductStatus },
): Promise<WriteOutcome> {
  const { products } = catalog.collections
  const before = ObjectId.isValid(id) ? await products.findOne({ _id: new ObjectId(id) }) : null
  if (!before) return refuse(404, 'The product was not found.')
  if (before.version !== changes.version)
    return refuse(409, 'The product changed since you loaded it; reload it.', 'version')
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
    if (result.matchedCount === 0)
      return {
        ok: false,
        status: 409,
        field: 'version',
        message: 'The product changed since you loaded it; reload it.',
      }
  } catch (error) {
    return conflictOf(error)
  }
  catalog.forwarder.nudge()
  await refreshCachedProduct(catalog, after, before)
  return { ok: true, value: await productView(catalog, after) }
}
