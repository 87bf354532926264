import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ancestorsOf } from '../server/domain/category-tree'
import { categoryIndex } from '../server/features/category-index'
import { createCategory } from '../server/features/create-category'
import type { HomeDto } from '../contracts'
import { featured } from '../server/features/featured'
import { updateCategory } from '../server/features/update-category'
import { categoryInput } from '../server/features/category-input'
import { openCatalogStore, type CatalogStore } from './catalog-store'

describe('category writes: moves, slugs, caches', () => {
  let store: CatalogStore
  const paths = async () =>
    new Map(
      (await store.catalog.collections.categories.find().toArray()).map((doc) => [
        doc.slug,
        { path: doc.path, level: doc.level },
      ]),
    )
  /** Every category's path spells its parent links, and its level is the path's length. */
  const expectPathsFollowParents = async () => {
    const documents = await store.catalog.collections.categories.find().toArray()
    const bySlugOfId = new Map(documents.map((doc) => [String(doc._id), doc]))
    for (const doc of documents) {
      const chain: string[] = []
      for (let at: typeof doc | undefined = doc; at; at = at.parentId ? bySlugOfId.get(String(at.parentId)) : undefined)
        chain.unshift(at.slug)
      expect(doc.path, doc.slug).toEqual(chain)
      expect(doc.level, doc.slug).toBe(chain.length)
    }
  }

  beforeAll(async () => {
    store = await openCatalogStore('categories')
  })
  afterAll(async () => {
    await store?.close()
  })

  it('moves a category with its whole subtree: paths and levels follow, and the tree shows it', async () => {
    await categoryIndex(store.catalog) // cached now
    const moved = await updateCategory(store.catalog, 'computers', { parentSlug: 'audio' })
    expect(moved).toMatchObject({
      ok: true,
      value: { parentSlug: 'audio', path: ['electronics', 'audio', 'computers'] },
    })
    const after = await paths()
    expect(after.get('laptops')).toEqual({ path: ['electronics', 'audio', 'computers', 'laptops'], level: 4 })
    expect(after.get('monitors')).toEqual({ path: ['electronics', 'audio', 'computers', 'monitors'], level: 4 })
    await expectPathsFollowParents()
    const tree = await categoryIndex(store.catalog)
    expect(ancestorsOf(tree.byId, tree.find('laptops')!.id).map((node) => node.slug)).toEqual([
      'electronics',
      'audio',
      'computers',
      'laptops',
    ])

    expect(await updateCategory(store.catalog, 'computers', { parentSlug: null })).toMatchObject({ ok: true })
    expect((await paths()).get('laptops')).toEqual({ path: ['computers', 'laptops'], level: 2 })
    await expectPathsFollowParents()
  })

  it.each([
    ['under itself', 'books', 'books', 'cannot be the category itself or one of its descendants'],
    ['under a descendant', 'books', 'crime', 'cannot be the category itself or one of its descendants'],
    ['under a category that does not exist', 'fiction', 'garden', 'is not a category'],
  ])('refuses a move %s with 400 and changes nothing', async (_case, slug, parentSlug, message) => {
    const before = await paths()
    expect(await updateCategory(store.catalog, slug, { parentSlug, name: 'Renamed' })).toEqual({
      ok: false,
      status: 400,
      detail: 'The request is invalid.',
      errors: [{ field: 'parentSlug', message }],
    })
    expect(await paths()).toEqual(before)
    expect((await store.catalog.collections.categories.findOne({ slug }))!.name).not.toBe('Renamed')
  })

  it('rewrites the paths beneath a category whose slug changes', async () => {
    expect(await updateCategory(store.catalog, 'fiction', { slug: 'novels' })).toMatchObject({ ok: true })
    expect((await paths()).get('crime')).toEqual({ path: ['books', 'novels', 'crime'], level: 3 })
    await expectPathsFollowParents()
  })

  it('creates a category under its parent, slug from its name, and shows it on the tree and home page', async () => {
    await featured(store.catalog) // cached now
    const created = await createCategory(
      store.catalog,
      categoryInput.parse({ name: 'Poetry & Verse', parentSlug: 'books', facets: ['author'], featured: true }),
    )
    expect(created).toMatchObject({
      ok: true,
      value: { slug: 'poetry-verse', parentSlug: 'books', path: ['books', 'poetry-verse'], level: 2 },
    })
    expect((await categoryIndex(store.catalog)).find('poetry-verse')).toBeDefined()
    const home = JSON.parse(await featured(store.catalog)) as HomeDto
    expect(home.categories.map((category) => category.slug)).toContain('poetry-verse')
  })

  it.each([
    ['a new category', () => createCategory(store.catalog, categoryInput.parse({ name: 'Crime' }))],
    ['a changed slug', () => updateCategory(store.catalog, 'history', { slug: 'crime' })],
  ])('refuses %s whose slug is taken with 409', async (_case, write) => {
    expect(await write()).toMatchObject({ ok: false, status: 409, errors: [{ field: 'slug' }] })
    expect(await store.catalog.collections.categories.countDocuments({ slug: 'crime' })).toBe(1)
  })

  it('answers 404 for a category that does not exist', async () => {
    expect(await updateCategory(store.catalog, 'garden', { name: 'Garden' })).toMatchObject({ ok: false, status: 404 })
  })
})
