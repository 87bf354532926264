/** The fields of a category the tree rules need; ids are strings here, whatever the store uses. */
export interface CategoryNode {
  id: string
  parentId: string | null
  slug: string
  sortOrder: number
  isActive: boolean
}

export type TreeOf<T> = T & { children: TreeOf<T>[] }

const bySortOrder = (a: CategoryNode, b: CategoryNode) => a.sortOrder - b.sortOrder || a.slug.localeCompare(b.slug)

/** Active categories as a forest, siblings in sort order; an inactive category hides its subtree. */
export function buildTree<T extends CategoryNode>(categories: readonly T[]): TreeOf<T>[] {
  const nodes = new Map(categories.filter((c) => c.isActive).map((c) => [c.id, { ...c, children: [] as TreeOf<T>[] }]))
  const roots: TreeOf<T>[] = []
  for (const node of nodes.values()) {
    if (node.parentId === null) roots.push(node)
    else nodes.get(node.parentId)?.children.push(node)
  }
  const sort = (list: TreeOf<T>[]) => {
    list.sort(bySortOrder)
    for (const node of list) sort(node.children)
  }
  sort(roots)
  return roots
}

/** The ids of a category and every active category beneath it. */
export function subtreeIds<T extends CategoryNode>(root: TreeOf<T>): string[] {
  return [root.id, ...root.children.flatMap((child) => subtreeIds(child))]
}

export function findInTree<T extends CategoryNode>(roots: TreeOf<T>[], slug: string): TreeOf<T> | undefined {
  for (const node of roots) {
    if (node.slug === slug) return node
    const found = findInTree(node.children, slug)
    if (found) return found
  }
  return undefined
}

/** Root first, down to the category itself. */
export function ancestorsOf<T extends CategoryNode>(byId: ReadonlyMap<string, T>, id: string): T[] {
  const chain: T[] = []
  for (
    let node = byId.get(id);
    node && chain.length <= byId.size;
    node = node.parentId ? byId.get(node.parentId) : undefined
  )
    chain.unshift(node)
  return chain
}

export type MoveCheck = { ok: true } | { ok: false; reason: 'cycle' | 'unknown-parent' }

/** A category cannot move under itself or one of its descendants. */
export function checkMove(byId: ReadonlyMap<string, CategoryNode>, id: string, newParentId: string | null): MoveCheck {
  if (newParentId === null) return { ok: true }
  if (!byId.has(newParentId)) return { ok: false, reason: 'unknown-parent' }
  return ancestorsOf(byId, newParentId).some((ancestor) => ancestor.id === id)
    ? { ok: false, reason: 'cycle' }
    : { ok: true }
}
