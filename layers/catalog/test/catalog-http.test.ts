import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import type { CategoryDto, ProductDto, ProductPageDto } from '../contracts'
import { sniffImageType } from '../server/domain/image-type'
import { drawingName } from '../server/features/read-image'
import { REVIEWS_PER_HOUR } from '../server/features/review-limit'
import { demoCatalog } from '../server/seed/demo-catalog'
import { startShopApp, type ShopApp } from '#test/support/shop-app'

const services = testServices()
const demo = demoCatalog()
const active = demo.products.filter((product) => product.status === 'active')
const archived = demo.products.find((product) => product.status === 'archived')!

describe.skipIf(!services.databaseUrl || !services.redisUrl)('the catalog over HTTP', () => {
  let app: ShopApp
  const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init)

  beforeAll(async () => {
    app = await startShopApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('answers a product by slug, with a cache policy a CDN can use', async () => {
    const response = await get(`/api/v1/catalog/products/${active[0]!.slug}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/)
    const product = (await response.json()) as ProductDto
    expect(product).toMatchObject({ sku: active[0]!.sku, price: { amount: active[0]!.price } })
  })

  it('answers a product it holds with exactly what the route sends, GET and HEAD alike', async () => {
    const path = `/api/v1/catalog/products/${active[1]!.slug}`
    const fromRoute = await get(path)
    const fromMemory = await get(path)
    const head = await get(path, { method: 'HEAD' })
    const headersOf = (response: Response) =>
      Object.fromEntries(
        [...response.headers].filter(([name]) => !['x-request-id', 'date', 'connection', 'keep-alive'].includes(name)),
      )
    expect(await fromMemory.text()).toBe(await fromRoute.text())
    expect(headersOf(fromMemory)).toEqual(headersOf(fromRoute))
    expect(headersOf(head)).toEqual(headersOf(fromRoute))
    expect(fromMemory.headers.get('x-request-id')).not.toBe(fromRoute.headers.get('x-request-id'))
  })

  it.each([
    ['an unknown slug', '/api/v1/catalog/products/no-such-thing', 404],
    ['an archived product', `/api/v1/catalog/products/${archived.slug}`, 404],
    ['a malformed slug', '/api/v1/catalog/products/Not%20A%20Slug', 400],
    ['an unknown category', '/api/v1/catalog/products?category=garden', 404],
    ['an empty category', '/api/v1/catalog/products?category=', 400],
    ['an oversized page', '/api/v1/catalog/products?category=books&pageSize=1000', 400],
    ['an empty search', '/api/v1/catalog/search?q=', 400],
  ])('answers %s with problem+json', async (_case, path, status) => {
    const response = await get(path)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })

  it('lists a category with facets, and searches', async () => {
    const listing = (await (await get('/api/v1/catalog/products?category=books&pageSize=5')).json()) as ProductPageDto
    expect(listing.items).toHaveLength(5)
    expect(listing.facets.map((facet) => facet.key)).toContain('author')
    const target = active.find((product) => product.attributes.author)!
    const found = (await (
      await get(`/api/v1/catalog/search?q=${encodeURIComponent(target.name)}`)
    ).json()) as ProductPageDto
    expect(found.items[0]!.slug).toBe(target.slug)
    const tree = (await (await get('/api/v1/catalog/categories')).json()) as CategoryDto[]
    expect(tree.map((root) => root.slug)).toEqual(['electronics', 'clothing', 'books'])
  })

  it('lists the whole catalog without a category, each item with what a cart needs', async () => {
    const items: ProductPageDto['items'] = []
    for (let page = 1; page === 1 || items.length < active.length; page++) {
      const listing = (await (
        await get(`/api/v1/catalog/products?pageSize=48&sort=price-asc&page=${page}`)
      ).json()) as ProductPageDto
      expect(listing.total).toBe(active.length)
      expect(listing.facets.map((facet) => facet.key)).toEqual(['price'])
      items.push(...listing.items)
    }
    const prices = items.map((item) => item.price.amount)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    expect(new Set(items.map((item) => item.slug)).size).toBe(active.length)
    for (const item of items) {
      const product = active.find((candidate) => candidate.slug === item.slug)!
      // A product sold as itself carries its sku; one sold in variants leaves the choice to its page.
      expect(item.sku).toBe(product.variants.length ? null : product.sku)
    }
    expect(items.some((item) => item.sku !== null)).toBe(true)
    expect(items.some((item) => item.sku === null)).toBe(true)
  })

  it('lists every active product in sitemap.xml, and keeps crawlers out of private pages', async () => {
    const sitemap = await (await get('/sitemap.xml')).text()
    for (const product of active) expect(sitemap).toContain(`<loc>https://shop.test/products/${product.slug}</loc>`)
    expect(sitemap).not.toContain(archived.slug)
    const robots = await (await get('/robots.txt')).text()
    for (const path of ['/admin', '/account', '/checkout', '/cart']) expect(robots).toContain(`Disallow: ${path}`)
    expect(robots).toContain('Sitemap: https://shop.test/sitemap.xml')
  })

  it('serves the demo pictures as WebP made from their drawings, and the drawings as pictures that cannot run script', async () => {
    const picture = await get(active[0]!.images[0]!)
    expect(picture.status).toBe(200)
    expect(picture.headers.get('content-type')).toBe('image/webp')
    const bytes = Buffer.from(await picture.arrayBuffer())
    expect(sniffImageType(bytes)).toBe('webp')
    // Rendered once, then kept: the second answer is the same bytes.
    expect(Buffer.from(await (await get(active[0]!.images[0]!)).arrayBuffer())).toEqual(bytes)

    const drawing = await get(drawingName(active[0]!.images[0]!))
    expect(drawing.headers.get('content-type')).toBe('image/svg+xml')
    expect(drawing.headers.get('content-security-policy')).toContain('sandbox')
    expect((await get('/images/catalog/nothing-here.svg')).status).toBe(404)
    expect((await get('/images/catalog/nothing-here.webp')).status).toBe(404)
  })

  it('server-renders a product page with its name, price, JSON-LD and canonical link', async () => {
    const product = active.find((candidate) => candidate.rating.count > 0 && candidate.variants.length)!
    const response = await get(`/products/${product.slug}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    const escaped = product.name.replace(/&/g, '&amp;')
    expect(html).toContain(`<h1`)
    expect(html).toContain(escaped)
    expect(/<link rel="canonical" href="([^"]+)"/.exec(html)![1]).toBe(`https://shop.test/products/${product.slug}`)
    const ld = [...html.matchAll(/<script[^>]*type="application\/ld\+json"[^>]*>(.*?)<\/script>/g)].map(
      (match) => JSON.parse(match[1]!) as { '@type': string; offers?: { price: string; priceCurrency: string } },
    )
    const offer = ld.find((item) => item['@type'] === 'Product')!.offers!
    expect(offer.priceCurrency).toBe('EUR')
    expect(offer.price).toMatch(/^\d+\.\d{2}$/)
    expect(html).toContain(`<data class="price" value="${offer.price}">`)
    expect(ld.map((item) => item['@type'])).toContain('BreadcrumbList')

    // The texts Intl made for the page travel in its payload, so the browser hydrates without Intl.
    const shown = new RegExp(`<data class="price" value="${offer.price}">([^<]+)</data>`).exec(html)![1]!
    const payload = /<script[^>]*id="__NUXT_DATA__"[^>]*>(.*?)<\/script>/s.exec(html)![1]!
    // devalue's flat form: objects hold the indexes of their values.
    const values = JSON.parse(payload) as unknown[]
    const isObject = (value: unknown): value is Record<string, number> =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
    const holder = values.find((value) => isObject(value) && 'texts' in value) as { texts: number }
    const texts = values[holder.texts] as Record<string, number>
    expect(Object.values(texts).map((index) => values[index])).toContain(shown)
  })

  it.each([
    ['an unknown product', '/products/no-such-product'],
    ['an archived product', `/products/${archived.slug}`],
    ['an unknown category', '/categories/garden'],
  ])('answers %s page with a real 404', async (_case, path) => {
    expect((await get(path)).status).toBe(404)
  })

  it('renders a category page whose facet choices keep one canonical URL', async () => {
    const plain = await (await get('/categories/clothing')).text()
    const filtered = await (await get('/categories/clothing?size=M&sort=price-asc')).text()
    const canonical = /<link rel="canonical" href="([^"]+)"/
    expect(canonical.exec(plain)![1]).toBe('https://shop.test/categories/clothing')
    expect(canonical.exec(filtered)![1]).toBe('https://shop.test/categories/clothing')
    expect(filtered).toMatch(/<input[^>]+name="size"[^>]+value="M"[^>]*checked/)
  })

  it('serves every visitor a cached page with a nonce of its own, whatever their cookies (ADR 0012)', async () => {
    const path = `/products/${active[1]!.slug}`
    await get(path)
    const nonces = []
    for (let i = 0; i < 2; i++) {
      const response = await get(path)
      expect(response.headers.get('x-page-cache')).toBe('hit')
      expect(response.headers.get('cache-control')).toContain('s-maxage=')
      expect(response.headers.get('vary')).toBe('accept-encoding')
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!
      const html = await response.text()
      for (const script of html.match(/<script\b[^>]*>/g)!) expect(script).toContain(`nonce="${nonce}"`)
      nonces.push(nonce)
    }
    expect(new Set(nonces).size).toBe(2)
    const withCookie = await get(path, { headers: { cookie: 'shop-access=someone' } })
    expect(withCookie.headers.get('x-page-cache')).toBe('hit')
  })

  it('lets only admins change the catalog; bad input writes nothing', async () => {
    const body = { sku: 'HTTP-LAMP-1', name: 'Http Desk Lamp', price: 2_999, status: 'active', categorySlug: 'laptops' }
    const post = (token: string | undefined, payload: object) =>
      get('/api/v1/catalog/admin/products', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload),
      })
    expect((await post(undefined, body)).status).toBe(401)
    expect((await post(await app.token('customer'), body)).status).toBe(403)
    const admin = await app.token('admin')
    const invalid = await post(admin, { ...body, price: 29.99 })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ errors: [{ field: 'price' }] })
    expect((await get('/api/v1/catalog/products/http-desk-lamp')).status).toBe(404)

    const created = await post(admin, body)
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('private, no-store')
    const product = (await created.json()) as ProductDto
    expect((await get('/api/v1/catalog/products/http-desk-lamp')).status).toBe(200)
    // Inventory counts the new sku and announces its availability, which purges the page once more.
    await expect
      .poll(async () => (await get('/products/http-desk-lamp')).headers.get('x-page-cache'), { timeout: 10_000 })
      .toBe('hit')
    expect((await post(admin, body)).status).toBe(409)

    const patch = (payload: object) =>
      get(`/api/v1/catalog/admin/products/${product.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify(payload),
      })
    expect((await patch({ version: 1, price: 1_999 })).status).toBe(200)
    expect((await patch({ version: 1, price: 999 })).status).toBe(409)
    const changed = (await (await get('/api/v1/catalog/products/http-desk-lamp')).json()) as ProductDto
    expect(changed.price.amount).toBe(1_999)
    // The page was cached before the change; the change purged it.
    expect(await (await get('/products/http-desk-lamp')).text()).toContain('value="19.99"')
  })

  it('takes an admin’s PNG upload as a raw body, checks its bytes, and serves it', async () => {
    const admin = await app.token('admin')
    // The smallest valid PNG: a 1×1 transparent pixel.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    )
    const upload = (body: Buffer, type: string) =>
      get('/api/v1/catalog/admin/images', {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${admin}` },
        body: new Uint8Array(body),
      })
    const stored = await upload(png, 'image/png')
    expect(stored.status).toBe(201)
    const { url } = (await stored.json()) as { url: string }
    const served = await get(url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)
    expect((await upload(png, 'image/jpeg')).status).toBe(415)
    expect((await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml')).status).toBe(415)
    expect((await upload(Buffer.alloc(6 * 1_048_576, 1), 'image/png')).status).toBe(413)
  })

  it('takes a signed-in shopper’s review for moderation, and only one per product', async () => {
    const slug = active[2]!.slug
    const review = { rating: 4, title: 'Good value', comment: 'Does what it says.', authorName: 'Sam' }
    const post = (token: string | undefined) =>
      get(`/api/v1/catalog/products/${slug}/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(review),
      })
    expect((await post(undefined)).status).toBe(401)
    const shopper = await app.token('customer')
    expect((await post(shopper)).status).toBe(201)
    expect((await post(shopper)).status).toBe(409)
  })

  it('limits how many reviews a shopper may post in an hour, with Retry-After', async () => {
    const shopper = await app.token('customer')
    const post = (slug: string) =>
      get(`/api/v1/catalog/products/${slug}/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shopper}` },
        body: JSON.stringify({ rating: 5, title: 'Great', comment: 'Works well.', authorName: 'Kim' }),
      })
    const statuses = []
    for (const product of active.slice(10, 10 + REVIEWS_PER_HOUR)) statuses.push((await post(product.slug)).status)
    expect(statuses).toEqual(Array(REVIEWS_PER_HOUR).fill(201))
    const admin = await app.token('admin')
    const pending = async () =>
      (
        (await (
          await get('/api/v1/catalog/admin/reviews', { headers: { authorization: `Bearer ${admin}` } })
        ).json()) as {
          total: number
        }
      ).total
    const before = await pending()
    const refused = await post(active[30]!.slug)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await pending()).toBe(before)
  })
})
