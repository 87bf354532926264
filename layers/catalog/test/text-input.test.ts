import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { demoCatalog } from '../server/seed/demo-catalog'
import { startShopApp, type ShopApp } from '#test/support/shop-app'

const services = testServices()
const product = demoCatalog().products.find((candidate) => candidate.status === 'active')!
const NUL = '\u0000'

/** The kernel's text schemas refuse control characters in every catalog input: a 400 naming the field. */
describe.skipIf(!services.databaseUrl || !services.redisUrl)('the catalog refuses control characters in text', () => {
  let app: ShopApp
  let admin: string
  let shopper: string
  const call = (method: string, path: string, token?: string, body?: object) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body && JSON.stringify(body),
    })
  const pendingReviews = async () =>
    ((await (await call('GET', '/api/v1/catalog/admin/reviews', admin)).json()) as { total: number }).total

  beforeAll(async () => {
    app = await startShopApp()
    ;[admin, shopper] = await Promise.all([app.token('admin'), app.token('customer')])
  })
  afterAll(async () => {
    await app?.close()
  })

  it.each([
    ['a product name', () => ({ sku: 'NUL-1', name: `Lamp${NUL}`, price: 100, categorySlug: 'laptops' }), 'name'],
    [
      'a variant attribute',
      () => ({
        sku: 'NUL-2',
        name: 'Lamp',
        price: 100,
        categorySlug: 'laptops',
        variants: [{ sku: 'NUL-2-A', name: 'A', attributes: { color: `Red${NUL}` } }],
      }),
      'variants.0.attributes.color',
    ],
  ])('refuses %s when creating a product, and creates nothing', async (_, body, field) => {
    const response = await call('POST', '/api/v1/catalog/admin/products', admin, body())
    expect(response.status).toBe(400)
    expect((await response.json()).errors).toEqual([{ field, message: 'must not contain control characters' }])
    expect((await call('GET', '/api/v1/catalog/products/lamp')).status).toBe(404)
  })

  it('refuses a review whose comment has a NUL, and queues nothing', async () => {
    const before = await pendingReviews()
    const review = { rating: 5, title: 'Fine', comment: `Works${NUL}`, authorName: 'Sam' }
    const response = await call('POST', `/api/v1/catalog/products/${product.slug}/reviews`, shopper, review)
    expect(response.status).toBe(400)
    expect((await response.json()).errors).toEqual([
      { field: 'comment', message: 'must not contain control characters' },
    ])
    expect(await pendingReviews()).toBe(before)
  })

  it.each([
    ['a search', `/api/v1/catalog/search?q=lamp%00`, 'q'],
    ['a facet filter', `/api/v1/catalog/products?category=books&author=Ann%00`, 'author'],
  ])('refuses a NUL in %s with 400 naming the parameter', async (_, path, field) => {
    const response = await call('GET', path)
    expect(response.status).toBe(400)
    expect((await response.json()).errors).toEqual([{ field, message: 'must not contain control characters' }])
  })
})
