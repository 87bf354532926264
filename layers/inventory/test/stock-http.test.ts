import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { startShopApp, type ShopApp } from '#test/support/shop-app'
import type { Availability } from '../contracts'
import { availabilityOf as availabilityFor } from '../server/domain/availability'
import { startingStockOf } from '../server/domain/starting-stock'

const services = testServices()
const STOCK = '/api/v1/inventory/admin/stock'

interface StockDetail {
  sku: string
  onHand: number
  reserved: number
  available: number
  availability: Availability
  movements: { onHandChange: number; reason: string; adminId: string | null; note: string | null }[]
}

describe.skipIf(!services.databaseUrl || !services.redisUrl)('stock over HTTP, and on the pages', () => {
  let app: ShopApp
  let admin: string
  let plain: { sku: string; slug: string; name: string }[]
  const get = (path: string, bearer?: string) =>
    fetch(`${app.url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })
  const send = (method: string, path: string, body: unknown, bearer = admin) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    })
  const availabilityOf = async (skus: string[]) =>
    (await (await get(`/api/v1/inventory/availability?${skus.map((s) => `sku=${s}`).join('&')}`)).json()) as Record<
      string,
      Availability
    >

  beforeAll(async () => {
    app = await startShopApp()
    admin = await app.token('admin')
    const listing = (await (
      await get('/api/v1/catalog/products?category=electronics&sort=price-asc&pageSize=48')
    ).json()) as {
      items: { sku: string | null; slug: string; name: string }[]
    }
    plain = listing.items.filter((item): item is { sku: string; slug: string; name: string } => item.sku !== null)
    // The demo catalog's events reach inventory through the relay and the bus after start-up.
    const started = Date.now()
    for (const { sku } of plain)
      while ((await get(`${STOCK}/${sku}`, admin)).status !== 200) {
        if (Date.now() - started > 30_000) throw new Error('inventory never counted the demo catalog')
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
  })
  afterAll(async () => {
    await app?.close()
  })

  it('counts every demo sku with its demo stock, and tells shoppers in stock, only N left or out of stock', async () => {
    const told = await availabilityOf(plain.map((product) => product.sku))
    for (const product of plain) {
      const detail = (await (await get(`${STOCK}/${product.sku}`, admin)).json()) as StockDetail
      const demo = startingStockOf(product.sku, 'demo')
      expect(detail).toMatchObject({ onHand: demo, reserved: 0, available: demo, availability: availabilityFor(demo) })
      if (demo > 0)
        expect(detail.movements.at(-1)).toMatchObject({
          reason: 'received',
          onHandChange: demo,
          note: 'starting stock',
        })
      else expect(detail.movements).toEqual([])
      expect(told[product.sku]).toEqual(availabilityFor(demo))
    }
    // A few demo skus are low or sold out, so the pages show every state.
    expect(new Set(Object.values(told).map((a) => a.state)).size).toBeGreaterThan(1)
  })

  it('lets only admins see and change stock, and refuses bad changes with nothing changed', async () => {
    const sku = plain[1]!.sku
    expect((await get(STOCK)).status).toBe(401)
    expect((await get(STOCK, await app.token('customer'))).status).toBe(403)
    const before = (await (await get(`${STOCK}/${sku}`, admin)).json()) as StockDetail
    for (const body of [
      { onHand: -1 },
      { onHand: 2.5 },
      { onHand: 3, reason: 'stolen' },
      { onHand: 3, note: 'a\u0007b' },
    ])
      expect((await send('PUT', `${STOCK}/${sku}`, body)).status).toBe(400)
    expect((await send('POST', `${STOCK}/${sku}/adjustments`, { change: 0, reason: 'adjusted' })).status).toBe(400)
    expect((await send('PUT', `${STOCK}/NOT-A-DEMO-SKU-1`, { onHand: 3 })).status).toBe(404)
    expect((await send('PUT', `${STOCK}/lower case`, { onHand: 3 })).status).toBe(400)
    const taken = await send('POST', `${STOCK}/${sku}/adjustments`, {
      change: -(before.onHand + 1),
      reason: 'adjusted',
    })
    expect(taken.status).toBe(409)
    expect(((await (await get(`${STOCK}/${sku}`, admin)).json()) as StockDetail).onHand).toBe(before.onHand)
  })

  it('sells out a product on its page and its listing when an admin sets its stock to 0, and back', async () => {
    const product = plain[2]!
    const before = (await (await get(`${STOCK}/${product.sku}`, admin)).json()) as StockDetail
    const page = async () => (await get(`/products/${product.slug}`)).text()
    await page() // in the page cache now
    try {
      const emptied = await send('PUT', `${STOCK}/${product.sku}`, {
        onHand: 0,
        reason: 'adjusted',
        note: 'water damage',
      })
      expect(emptied.status).toBe(200)
      const detail = (await emptied.json()) as StockDetail
      expect(detail).toMatchObject({ onHand: 0, availability: { state: 'out-of-stock' } })
      expect(detail.movements[0]).toMatchObject({
        onHandChange: -before.onHand,
        reason: 'adjusted',
        note: 'water damage',
        adminId: expect.any(String),
      })
      // The purge travels as an event: the cached page is drawn again within moments.
      await expect.poll(page, { timeout: 15_000 }).toContain('Out of stock')
      expect(await page()).toMatch(/<button[^>]*disabled[^>]*>(?:<[^>]*>|\s)*Out of stock/)
      expect(await page()).toContain('https://schema.org/OutOfStock')

      const received = await send('POST', `${STOCK}/${product.sku}/adjustments`, { change: 3, reason: 'received' })
      expect(await received.json()).toMatchObject({ onHand: 3, availability: { state: 'low', left: 3 } })
      await expect.poll(page, { timeout: 15_000 }).toContain('Only 3 left')
      expect(await page()).toContain('https://schema.org/LimitedAvailability')

      const low = (await (await get(`${STOCK}?filter=low&sku=${product.sku}`, admin)).json()) as {
        items: StockDetail[]
      }
      expect(low.items.map((item) => item.sku)).toEqual([product.sku])
      const out = (await (await get(`${STOCK}?filter=out&sku=${product.sku}`, admin)).json()) as { items: unknown[] }
      expect(out.items).toEqual([])
    } finally {
      await send('PUT', `${STOCK}/${product.sku}`, {
        onHand: before.onHand,
        reason: 'adjusted',
        note: 'test restores it',
      })
    }
  })
})
