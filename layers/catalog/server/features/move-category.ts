import { ObjectId, type AnyBulkWriteOperation } from 'mongodb'
import { ancestorsOf, checkMove } from '../domain/category-tree'
import { invalid, type Refusal } from '#kernel/contracts/result'
import type { CategoryDocument } from '../mongo/documents'
import { nodeOf, type CategoryNodeOf } from '../mongo/views'
import type { Catalog } from '../catalog'

/** Every category, inactive ones too, by id: a shop has hundreds of them, so one read is cheap. */
export async function categoryNodes(catalog: Catalog): Promise<Map<string, CategoryNodeOf>> {
  const documents = await catalog.collections.categories.find().toArray()
  return new Map(documents.map((doc) => [String(doc._id), nodeOf(doc)]))
}

/** The new parent's id (null for a root), unless the move would put the category under itself. */
export function moveTarget(
  byId: ReadonlyMap<string, CategoryNodeOf>,
  id: string,
  parentSlug: string | null,
): { ok: true; parentId: string | null } | Refusal {
  if (parentSlug === null) return { ok: true, parentId: null }
  const parent = [...byId.values()].find((node) => node.slug === parentSlug)
  if (!parent) return invalid('parentSlug', 'is not a category')
  return checkMove(byId, id, parent.id).ok
    ? { ok: true, parentId: parent.id }
    : invalid('parentSlug', 'cannot be the category itself or one of its descendants')
}

/**
 * Rewrites `path` and `level` of a category and of every category beneath it, after a move or a
 * new slug (paths hold slugs). They are derived from the parent links, which stay the truth (the
 * tree is built from them alone), so a run cut short between documents is completed by the next.
 */
export async function placeSubtree(catalog: Catalog, id: ObjectId): Promise<number> {
  const byId = await categoryNodes(catalog)
  const children = new Map<string, CategoryNodeOf[]>()
  for (const node of byId.values())
    if (node.parentId) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node])

  const writes: AnyBulkWriteOperation<CategoryDocument>[] = []
  const place = (node: CategoryNodeOf, path: string[], seen: Set<string>) => {
    if (seen.has(node.id)) return // only a corrupt tree has a cycle; moves refuse to make one
    seen.add(node.id)
    if (node.path.join('/') !== path.join('/') || node.level !== path.length)
      writes.push({
        updateOne: { filter: { _id: new ObjectId(node.id) }, update: { $set: { path, level: path.length } } },
      })
    for (const child of children.get(node.id) ?? []) place(child, [...path, child.slug], seen)
  }
  const root = byId.get(String(id))
  if (root)
    place(
      root,
      ancestorsOf(byId, root.id).map((node) => node.slug),
      new Set(),
    )
  if (writes.length) await catalog.collections.categories.bulkWrite(writes, { ordered: false })
  return writes.length
}
