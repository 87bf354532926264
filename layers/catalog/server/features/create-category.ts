import { ObjectId } from 'mongodb'
import { isDuplicateKey } from '../mongo/duplicate-key'
import { slugify } from '../domain/slug'
import type { CategoryInput } from './category-input'
import { invalid, refuse, success, type Refusal, type Result } from '#kernel/contracts/result'
import { adminCategoryOf, type AdminCategoryDto } from '../mongo/category-views'
import type { CategoryDocument } from '../mongo/documents'
import type { Catalog } from '../catalog'
import { subtreeIds } from '../domain/category-tree'
import { purgeAllCatalogPages } from '../http/cached-pages'
import { CATEGORY_TREE_KEY, categoryIndex } from './category-index'
import { productKey } from './product-detail'
import { HOME_KEY } from './featured'
import { VOCABULARY_KEY } from './search-speller'

/** A taken slug as the 409 it means to an admin; other errors are rethrown. */
export function slugConflictOf(error: unknown): Refusal {
  if (!isDuplicateKey(error)) throw error
  const message = 'Another category already has this slug.'
  return refuse(409, message, { errors: [{ field: 'slug', message }] })
}

/**
 * The tree and the home page (featured categories) are rebuilt from the store on their next read.
 * A changed category's name and place also show on its products' pages (breadcrumbs), so their
 * cached copies go too, and every cached page: the header and breadcrumbs are on all of them.
 */
export async function forgetCategoryCaches(catalog: Catalog, changedCategoryId?: string): Promise<void> {
  await catalog.cache.forget([CATEGORY_TREE_KEY, HOME_KEY, VOCABULARY_KEY])
  catalog.listings.clear()
  if (changedCategoryId) {
    const node = (await categoryIndex(catalog)).byId.get(changedCategoryId)
    const ids = (node ? subtreeIds(node) : [changedCategoryId]).map((id) => new ObjectId(id))
    const products = await catalog.collections.products
      .find({ categoryIds: { $in: ids } }, { projection: { _id: 1 } })
      .toArray()
    await catalog.cache.forget(products.map((product) => productKey(String(product._id))))
  }
  await purgeAllCatalogPages()
}

/** A new category, at the root or under an existing one (active or not). */
export async function createCategory(catalog: Catalog, input: CategoryInput): Promise<Result<AdminCategoryDto>> {
  const parent = input.parentSlug ? await catalog.collections.categories.findOne({ slug: input.parentSlug }) : null
  if (input.parentSlug && !parent) return invalid('parentSlug', 'is not a category')
  const { parentSlug: _parent, ...fields } = input
  const slug = input.slug ?? slugify(input.name)
  if (!slug) return invalid('slug', 'cannot be made from this name; give one')
  const path = [...(parent?.path ?? []), slug]
  const category: CategoryDocument = {
    ...fields,
    _id: new ObjectId(),
    slug,
    parentId: parent?._id ?? null,
    path,
    level: path.length,
  }
  try {
    await catalog.collections.categories.insertOne(category)
  } catch (error) {
    return slugConflictOf(error)
  }
  await forgetCategoryCaches(catalog)
  return success(adminCategoryOf(category))
}
