import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '../../../test/support/services'
import type { CategoryDto, ProductDto, ProductPageDto } from '../contracts'
import { demoCatalog } from '../server/seed/demo-catalog'
import { startCatalogApp, type CatalogApp } from './catalog-app'

const services = testServices()
const demo = demoCatalog()
const active = demo.products.filter((product) => product.status === 'active')
const archived = demo.products.find((product) => product.status === 'archived')!

describe.skipIf(!services.databaseUrl || !services.redisUrl)('the catalog over HTTP', () => {
  let app: CatalogApp
  const get = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init)

  beforeAll(async () => {
    app = await startCatalogApp()
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

  it.each([
    ['an unknown slug', '/api/v1/catalog/products/no-such-thing', 404],
    ['an archived product', `/api/v1/catalog/products/${archived.slug}`, 404],
    ['a malformed slug', '/api/v1/catalog/products/Not%20A%20Slug', 400],
    ['an unknown category', '/api/v1/catalog/products?category=garden', 404],
    ['a listing without a category', '/api/v1/catalog/products', 400],
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

  it('lists every active product in sitemap.xml, and keeps crawlers out of private pages', async () => {
    const sitemap = await (await get('/sitemap.xml')).text()
    for (const product of active) expect(sitemap).toContain(`<loc>https://shop.test/products/${product.slug}</loc>`)
    expect(sitemap).not.toContain(archived.slug)
    const robots = await (await get('/robots.txt')).text()
    for (const path of ['/admin', '/account', '/checkout', '/cart']) expect(robots).toContain(`Disallow: ${path}`)
    expect(robots).toContain('Sitemap: https://shop.test/sitemap.xml')
  })

  it('serves the demo images as pictures that cannot run script', async () => {
    const response = await get(active[0]!.images[0]!)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/svg+xml')
    expect(response.headers.get('content-security-policy')).toContain('sandbox')
    expect((await get('/images/catalog/nothing-here.svg')).status).toBe(404)
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
    const product = (await created.json()) as ProductDto
    expect((await get('/api/v1/catalog/products/http-desk-lamp')).status).toBe(200)
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
  })
})
