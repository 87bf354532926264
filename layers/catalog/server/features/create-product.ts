import { ObjectId } from 'mongodb'
import { isDuplicateKey } from '../mongo/duplicate-key'
import type { ProductDto } from '../../contracts'
import { offeredValues, variantProblems } from '../domain/product-rules'
import { slugify } from '../domain/slug'
import type { ProductInput } from './product-input'
import { invalid, refuse, success, type Refusal, type Result } from '#kernel/contracts/result'
import type { ProductDocument } from '../mongo/documents'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'
import { productChangedEvent, refreshCachedProduct } from './product-changed'
import { productView } from './product-detail'

export type ProductWrite = Result<ProductDto>

/** A duplicate-key error as the 409 it means to an admin (sku, slug or a variant's sku); others are rethrown. */
export function conflictOf(error: unknown): Refusal {
  if (!isDuplicateKey(error)) throw error
  const field = /variant/.test(error.message) ? 'variants' : /slug/.test(error.message) ? 'slug' : 'sku'
  const message = `Another product already has this ${field}.`
  return refuse(409, message, { errors: [{ field, message }] })
}

/** Checks what the schema cannot: the category exists, the variants can be told apart. */
export async function writeProblem(
  catalog: Catalog,
  sku: string,
  input: { categorySlug?: string; variants?: ProductInput['variants'] },
): Promise<Refusal | undefined> {
  if (input.categorySlug !== undefined && !(await categoryIndex(catalog)).find(input.categorySlug))
    return invalid('categorySlug', 'is not an active category')
  const problem = variantProblems(sku, input.variants ?? [])[0]
  if (problem) return invalid(`variants.${problem.index}`, problem.message)
  return undefined
}

/** A new product and its `catalog.product-changed.v1` event, written in one atomic insert. */
export async function createProduct(catalog: Catalog, input: ProductInput): Promise<ProductWrite> {
  const problem = await writeProblem(catalog, input.sku, input)
  if (problem) return problem
  const category = (await categoryIndex(catalog)).find(input.categorySlug)!
  const now = new Date()
  const { categorySlug: _category, ...fields } = input
  const product: Omit<ProductDocument, 'outbox'> = {
    ...fields,
    _id: new ObjectId(),
    slug: input.slug ?? slugify(input.name),
    attributes: { ...input.attributes, ...offeredValues(input.variants) },
    categoryIds: [new ObjectId(category.id)],
    rating: { average: 0, count: 0 },
    createdAt: now,
    updatedAt: now,
    version: 1,
  }
  try {
    await catalog.collections.products.insertOne({ ...product, outbox: [productChangedEvent(product)] })
  } catch (error) {
    return conflictOf(error)
  }
  catalog.forwarder.nudge()
  await refreshCachedProduct(catalog, { ...product, outbox: [] })
  return success(await productView(catalog, { ...product, outbox: [] }))
}
