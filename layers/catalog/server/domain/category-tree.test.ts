import { describe, expect, it } from 'vitest'
import { ancestorsOf, buildTree, checkMove, findInTree, subtreeIds, type CategoryNode } from './category-tree'

const node = (id: string, parentId: string | null, sortOrder = 0, isActive = true): CategoryNode => ({
  id,
  parentId,
  slug: id,
  sortOrder,
  isActive,
})

const categories = [
  node('books', null, 2),
  node('electronics', null, 1),
  node('audio', 'electronics', 2),
  node('computers', 'electronics', 1),
  node('laptops', 'computers'),
  node('hidden', 'electronics', 3, false),
  node('under-hidden', 'hidden'),
]
const byId = new Map(categories.map((c) => [c.id, c]))

describe('category tree', () => {
  it('orders siblings and hides inactive subtrees', () => {
    const roots = buildTree(categories)
    expect(roots.map((r) => r.slug)).toEqual(['electronics', 'books'])
    expect(roots[0]!.children.map((c) => c.slug)).toEqual(['computers', 'audio'])
    expect(findInTree(roots, 'under-hidden')).toBeUndefined()
  })

  it('gives a subtree and a path from the root', () => {
    const roots = buildTree(categories)
    expect(subtreeIds(findInTree(roots, 'electronics')!)).toEqual(['electronics', 'computers', 'laptops', 'audio'])
    expect(ancestorsOf(byId, 'laptops').map((c) => c.id)).toEqual(['electronics', 'computers', 'laptops'])
  })

  it.each([
    ['electronics', 'laptops', { ok: false, reason: 'cycle' }],
    ['computers', 'computers', { ok: false, reason: 'cycle' }],
    ['laptops', 'nowhere', { ok: false, reason: 'unknown-parent' }],
    ['laptops', 'audio', { ok: true }],
    ['laptops', null, { ok: true }],
  ])('moving %s under %s: %j', (id, parent, expected) => {
    expect(checkMove(byId, id, parent)).toEqual(expected)
  })
})
