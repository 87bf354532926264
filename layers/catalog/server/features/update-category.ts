import { ObjectId } from 'mongodb'
import type { CategoryChanges } from './category-input'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { adminCategoryOf, type AdminCategoryDto } from '../mongo/category-views'
import type { Catalog } from '../catalog'
import { forgetCategoryCaches, slugConflictOf } from './create-category'
import { categoryNodes, moveTarget, placeSubtree } from './move-category'

/**
 * Changes the named fields. A new `parentSlug` moves the category with everything beneath it; a
 * move under itself or a descendant is refused before anything is written.
 */
export async function updateCategory(
  catalog: Catalog,
  slug: string,
  changes: CategoryChanges,
): Promise<Result<AdminCategoryDto>> {
  const byId = await categoryNodes(catalog)
  const before = [...byId.values()].find((node) => node.slug === slug)
  if (!before) return refuse(404, 'The category was not found.')
  const { parentSlug, ...fields } = changes
  const target =
    parentSlug === undefined
      ? { ok: true as const, parentId: before.parentId }
      : moveTarget(byId, before.id, parentSlug)
  if (!target.ok) return target

  const { categories } = catalog.collections
  const _id = new ObjectId(before.id)
  try {
    await categories.updateOne(
      { _id },
      { $set: { ...fields, parentId: target.parentId ? new ObjectId(target.parentId) : null } },
    )
  } catch (error) {
    return slugConflictOf(error)
  }
  if (target.parentId !== before.parentId || (fields.slug && fields.slug !== before.slug))
    await placeSubtree(catalog, _id)
  await forgetCategoryCaches(catalog, before.id)
  const after = await categories.findOne({ _id })
  return after ? success(adminCategoryOf(after)) : refuse(404, 'The category was not found.')
}
