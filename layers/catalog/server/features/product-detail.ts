import { ObjectId } from 'mongodb'
import { ancestorsOf } from '../domain/category-tree'
import { productOf } from '../mongo/views'
import type { ProductDocument } from '../mongo/documents'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'

export const productKey = (id: string) => `product:${id}`
export const productSlugKey = (slug: string) => `product-slug:${slug}`

/** The product page's data as JSON text, from the cache when it can; undefined unless it is on sale. */
export async function productJsonBySlug(catalog: Catalog, slug: string): Promise<string | undefined> {
  const id = await catalog.cache.read(productSlugKey(slug), async () => {
    const found = await catalog.collections.products.findOne({ slug, status: 'active' }, { projection: { _id: 1 } })
    return found ? String(found._id) : undefined
  })
  return id && productJsonById(catalog, id)
}

export async function productJsonById(catalog: Catalog, id: string): Promise<string | undefined> {
  if (!ObjectId.isValid(id)) return undefined
  return catalog.cache.read(productKey(id), async () => {
    const document = await catalog.collections.products.findOne({ _id: new ObjectId(id), status: 'active' })
    return document ? JSON.stringify(await productView(catalog, document)) : undefined
  })
}

export async function productView(catalog: Catalog, document: ProductDocument) {
  const categories = await categoryIndex(catalog)
  const leaf = document.categoryIds[0]
  const path = leaf ? ancestorsOf(categories.byId, String(leaf)) : []
  return productOf(
    document,
    path.map((category) => ({ slug: category.slug, name: category.name })),
  )
}
