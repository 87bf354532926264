import { buildTree, findInTree, subtreeIds, type TreeOf } from '../domain/category-tree'
import type { CategoryDto } from '../../contracts'
import { categoryOf, nodeOf, type CategoryNodeOf } from '../mongo/views'
import type { Catalog } from '../catalog'

export interface CategoryIndex {
  roots: TreeOf<CategoryNodeOf>[]
  /** The tree as shoppers' pages and the API show it, built once per cached copy. */
  tree: CategoryDto[]
  byId: Map<string, TreeOf<CategoryNodeOf>>
  find(slug: string): TreeOf<CategoryNodeOf> | undefined
  subtreeIds(slug: string): string[] | undefined
}

export const CATEGORY_TREE_KEY = 'category:tree'

let lastText: string | undefined
let lastIndex: CategoryIndex | undefined

/** The active category tree, cached like products; parsed once per cached copy. */
export async function categoryIndex(catalog: Catalog): Promise<CategoryIndex> {
  const text = await catalog.cache.read(CATEGORY_TREE_KEY, async () => {
    const documents = await catalog.collections.categories.find({ isActive: true }).toArray()
    return JSON.stringify(buildTree(documents.map(nodeOf)))
  })
  if (text === lastText && lastIndex) return lastIndex
  const roots = JSON.parse(text ?? '[]') as TreeOf<CategoryNodeOf>[]
  const byId = new Map<string, TreeOf<CategoryNodeOf>>()
  const visit = (nodes: TreeOf<CategoryNodeOf>[]) =>
    nodes.forEach((node) => {
      byId.set(node.id, node)
      visit(node.children)
    })
  visit(roots)
  lastIndex = {
    roots,
    tree: roots.map((root) => categoryOf(root)),
    byId,
    find: (slug) => findInTree(roots, slug),
    subtreeIds: (slug) => {
      const node = findInTree(roots, slug)
      return node && subtreeIds(node)
    },
  }
  lastText = text
  return lastIndex
}
