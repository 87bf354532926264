import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forwardToOutbox } from '#kernel/messaging/outbox'
import type { Envelope } from '#kernel/contracts/messaging'
import type { ProductDto } from '../contracts'
import { createProduct } from '../server/features/create-product'
import { listCategory } from '../server/features/list-products'
import { productJsonBySlug } from '../server/features/product-detail'
import { updateProduct } from '../server/features/update-product'
import { productInput } from '../server/features/product-input'
import { openCatalogStore, type CatalogStore } from './catalog-store'

const newProduct = (sku: string, overrides: Record<string, unknown> = {}) =>
  productInput.parse({
    sku,
    name: `Test Lamp ${sku}`,
    price: 4_999,
    status: 'active',
    categorySlug: 'laptops',
    attributes: { brand: 'Lumen' },
    ...overrides,
  })

describe('catalog writes: atomic events, versions, caches', () => {
  let store: CatalogStore
  const outboxRows = async (productId: string) =>
    (
      await sql<{
        content: Envelope
      }>`select content from catalog.outbox where content->'payload'->>'productId' = ${productId} order by occurred_on`.execute(
        store.sql.db,
      )
    ).rows.map((row) => row.content)

  beforeAll(async () => {
    store = await openCatalogStore('writes')
  })
  afterAll(async () => {
    await store?.close()
  })

  it('creates a product with its event in the same document, then forwards the event exactly once', async () => {
    const created = await createProduct(store.catalog, newProduct('LAMP-1'))
    if (!created.ok) throw new Error(created.detail)
    const id = created.value.id
    const document = await store.catalog.collections.products.findOne({ sku: 'LAMP-1' })
    expect(document!.outbox).toHaveLength(1)
    expect(document!.outbox[0]!.type).toBe('catalog.product-changed.v1')

    expect(await store.catalog.forwarder.runOnce()).toBeGreaterThanOrEqual(1)
    expect((await store.catalog.collections.products.findOne({ sku: 'LAMP-1' }))!.outbox).toEqual([])
    // A forwarder that died before taking the event off the document forwards it again: nothing doubles.
    await forwardToOutbox(store.sql.db, 'catalog', document!.outbox)
    const rows = await outboxRows(id)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.payload).toMatchObject({
      productId: id,
      sku: 'LAMP-1',
      status: 'active',
      priceAmount: 4_999,
      version: 1,
    })
  })

  it('shows a created product at once, by its slug', async () => {
    const created = await createProduct(store.catalog, newProduct('LAMP-2'))
    if (!created.ok) throw new Error(created.detail)
    const read = JSON.parse((await productJsonBySlug(store.catalog, created.value.slug))!) as ProductDto
    expect(read).toMatchObject({ sku: 'LAMP-2', price: { amount: 4_999, currency: 'EUR' } })
  })

  it.each([
    ['a taken sku', newProduct('LAMP-1', { name: 'Another Lamp Entirely' }), 409, 'sku'],
    ['a taken slug', newProduct('LAMP-9', { name: 'Test Lamp LAMP-1' }), 409, 'slug'],
    ['an unknown category', newProduct('LAMP-8', { categorySlug: 'garden' }), 400, 'categorySlug'],
    [
      'variants that cannot be told apart',
      newProduct('LAMP-7', {
        variants: [
          { sku: 'LAMP-7-A', name: 'A', attributes: { color: 'Red' } },
          { sku: 'LAMP-7-B', name: 'B', attributes: { color: 'Red' } },
        ],
      }),
      400,
      'variants.1',
    ],
  ])('refuses %s and writes nothing', async (_case, input, status, field) => {
    const before = await store.catalog.collections.products.countDocuments()
    expect(await createProduct(store.catalog, input)).toMatchObject({ ok: false, status, errors: [{ field }] })
    expect(await store.catalog.collections.products.countDocuments()).toBe(before)
  })

  it('applies a change only at the version the admin saw, and shows it at once', async () => {
    const created = await createProduct(store.catalog, newProduct('LAMP-3'))
    if (!created.ok) throw new Error(created.detail)
    const { id, slug } = created.value
    await productJsonBySlug(store.catalog, slug) // cached now

    const changed = await updateProduct(store.catalog, id, { version: 1, price: 3_999, name: 'Test Lamp Renamed' })
    expect(changed).toMatchObject({ ok: true, value: { price: { amount: 3_999 }, version: 2 } })
    expect(await updateProduct(store.catalog, id, { version: 1, price: 1 })).toMatchObject({ ok: false, status: 409 })

    const read = JSON.parse((await productJsonBySlug(store.catalog, slug))!) as ProductDto
    expect(read).toMatchObject({ name: 'Test Lamp Renamed', price: { amount: 3_999 }, version: 2 })
    await store.catalog.forwarder.runOnce()
    expect((await outboxRows(id)).map((event) => event.payload)).toMatchObject([
      { version: 1, priceAmount: 4_999 },
      { version: 2, priceAmount: 3_999 },
    ])
  })

  it('archives a product: its page and listings lose it at once, under its old slug too', async () => {
    const created = await createProduct(store.catalog, newProduct('LAMP-4'))
    if (!created.ok) throw new Error(created.detail)
    const { id, slug } = created.value
    expect(await productJsonBySlug(store.catalog, slug)).toBeDefined()
    const moved = await updateProduct(store.catalog, id, { version: 1, slug: 'lamp-four' })
    expect(moved.ok).toBe(true)
    expect(await productJsonBySlug(store.catalog, slug)).toBeUndefined()
    expect(await productJsonBySlug(store.catalog, 'lamp-four')).toBeDefined()

    const lumen = () => listCategory(store.catalog, 'laptops', { brand: 'Lumen', pageSize: '48' })
    const before = await lumen() // cached now
    expect(before.ok && before.value.items.some((item) => item.id === id)).toBe(true)
    expect(await updateProduct(store.catalog, id, { version: 2, status: 'archived' })).toMatchObject({ ok: true })
    expect(await productJsonBySlug(store.catalog, 'lamp-four')).toBeUndefined()
    const listing = await lumen()
    expect(listing.ok && listing.value.items.some((item) => item.id === id)).toBe(false)
  })
})
