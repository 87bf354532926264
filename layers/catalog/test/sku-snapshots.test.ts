import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { skuSnapshots } from '../server/features/sku-snapshots'
import { demoCatalog } from '../server/seed/demo-catalog'
import { openCatalogStore, type CatalogStore } from './catalog-store'

const demo = demoCatalog()
const plain = demo.products.find((product) => product.status === 'active' && product.variants.length === 0)!
const variant = demo.products.find((product) => product.status === 'active' && product.variants.length > 1)!
  .variants[0]!

/**
 * Carts price every line on every view from the catalog's copy of its skus: a copy expiring under
 * load must cost one query, not one per request in flight.
 */
describe('sku snapshots under load', () => {
  let store: CatalogStore
  let queries: ReturnType<typeof vi.spyOn>
  const skus = [plain.sku, variant.sku]
  const ask = () => skuSnapshots(store.catalog, skus)

  beforeAll(async () => {
    store = await openCatalogStore('sku-snapshots')
    queries = vi.spyOn(store.catalog.collections.products, 'find')
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await store?.close()
  })

  it('answers requests that miss the same skus at once with one query', async () => {
    store.catalog.skus.clear()
    queries.mockClear()
    const answers = await Promise.all(Array.from({ length: 20 }, ask))
    expect(queries).toHaveBeenCalledTimes(1)
    for (const answer of answers) expect(answer).toEqual(answers[0])
    expect(answers[0]).toMatchObject({ ok: true, value: [{ sku: plain.sku }, { sku: variant.sku }] })
  })

  it('answers from its copy for a second, then once more while one query renews it, and reads an old copy first', async () => {
    store.catalog.skus.clear()
    await ask()
    queries.mockClear()
    const start = Date.now()
    const now = vi.spyOn(Date, 'now')
    try {
      now.mockReturnValue(start + 500)
      await Promise.all(Array.from({ length: 10 }, ask))
      expect(queries).toHaveBeenCalledTimes(0) // fresh

      now.mockReturnValue(start + 1_500)
      const renewing = await Promise.all(Array.from({ length: 10 }, ask))
      expect(renewing.every((answer) => answer.ok)).toBe(true) // answered at once, from the copy
      expect(queries).toHaveBeenCalledTimes(1) // one renewal for all ten
      await vi.waitFor(() => expect(store.catalog.skuReads.size).toBe(0))

      queries.mockClear()
      now.mockReturnValue(start + 60_000) // a copy this old is not answered: it is read again first
      await ask()
      expect(queries).toHaveBeenCalledTimes(1)
    } finally {
      now.mockRestore()
    }
  })
})
