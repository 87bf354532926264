import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { adminToken, peakRssMb, type Scenario } from '../harness'
import { loadBareServer } from './reference'

// A product of the deterministic demo catalog every instance seeds on first start.
const PRODUCT = '/api/v1/catalog/products?category=electronics&pageSize=1&sort=price-asc'

export async function demoProductSlug(url: string): Promise<string> {
  const response = await fetch(`${url}${PRODUCT}`)
  if (!response.ok) throw new Error(`listing the demo catalog: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { items: { slug: string }[] }).items[0]!.slug
}

/** The demo product's page on the app at `url`. */
export const demoProductPage = async (url: string) => `${url}/products/${await demoProductSlug(url)}`

/** GET /api/v1/catalog/products/{slug}: a cached product as JSON (target ≥ 0.50 of the baseline). */
export const catalogProductApi: Scenario = {
  name: 'catalog-product-api',
  unit: 'req/s',
  description: 'GET /api/v1/catalog/products/{slug} (cached product JSON)',
  async run({ app, httpLoad }) {
    const server = await app()
    return httpLoad(`${server.url}/api/v1/catalog/products/${await demoProductSlug(server.url)}`, server.child.pid!)
  },
}

/** A category listing with two active filters: one aggregation for items, total and every facet. */
export const catalogListingFacets: Scenario = {
  name: 'catalog-listing-facets',
  unit: 'req/s',
  description: 'GET /api/v1/catalog/products?category=clothing&size=M&price=2500-5000 (facets computed)',
  async run({ app, httpLoad }) {
    const server = await app()
    return httpLoad(`${server.url}/api/v1/catalog/products?category=clothing&size=M&price=2500-5000`, server.child.pid!)
  },
}

/** The product page rendered on every request (target ≥ 0.75 of the static SSR page). */
export const productPageUncached: Scenario = {
  name: 'product-page-uncached',
  unit: 'req/s',
  description: 'SSR /products/{slug} rendered each time (reads the catalog directly)',
  reference: 'ssr-static',
  async run({ app, httpLoad }) {
    const server = await app()
    // Catalog pages are cached whatever the cookies (ADR 0012): a query the page cache has never seen
    // makes it render, as a first visit after a purge would (the copy it keeps is part of the cost).
    let request = 0
    return httpLoad(await demoProductPage(server.url), server.child.pid!, {
      each: (next) => ({ ...next, path: `${next.path}?render=${++request}` }),
    })
  },
}

/** The product page as anonymous visitors get it, from the page cache (target ≥ 0.35 of the baseline). */
export const productPageCached: Scenario = {
  name: 'product-page-cached',
  unit: 'req/s',
  description: 'SSR /products/{slug} for anonymous visitors (page cache, fresh nonce each time)',
  async run({ app, httpLoad }) {
    const server = await app()
    return httpLoad(await demoProductPage(server.url), server.child.pid!)
  },
}

/**
 * A bare node:http server answering with the cached product page's very bytes (headers and body):
 * the most this machine's load generator and kernel take for a page that size, whatever the app
 * does. `product-page-cached` cannot rise above it.
 */
export const productPageBytes: Scenario = {
  name: 'product-page-bytes',
  unit: 'req/s',
  description: 'bare node:http answering with the cached product page’s bytes (the ceiling for that size)',
  async run({ app, httpLoad }) {
    const server = await app()
    // As the load generator asks for it: uncompressed (fetch would otherwise take it compressed and
    // decode it, leaving headers that no longer match the bytes).
    const response = await fetch(await demoProductPage(server.url), { headers: { 'accept-encoding': 'identity' } })
    const body = Buffer.from(await response.arrayBuffer())
    // Node adds these itself; the rest is sent as the app sent it.
    const own = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])
    const headers = [...response.headers].filter(([name]) => !own.has(name)).flat()
    const folder = mkdtempSync(join(tmpdir(), 'bench-page-'))
    try {
      const answerFile = join(folder, 'answer.json')
      writeFileSync(answerFile, JSON.stringify({ headers, body: body.toString('base64') }))
      return await loadBareServer('replay-server.mjs', { ANSWER_FILE: answerFile }, httpLoad)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  },
}

/**
 * How long an admin's price change takes to show on the cached product page (target ≤ 2 s), while
 * anonymous visitors keep the page hot.
 */
export const productChangeVisible: Scenario = {
  name: 'product-change-visible',
  unit: 'ms',
  description: 'an admin changes a price; time until the cached product page shows it',
  reference: null,
  async run({ app }) {
    const server = await app()
    const slug = await demoProductSlug(server.url)
    const page = `${server.url}/products/${slug}`
    const product = (await (await fetch(`${server.url}/api/v1/catalog/products/${slug}`)).json()) as ProductView
    await fetch(page)
    const token = await adminToken(server.url)
    const price = product.price.amount + 100
    const shown = `value="${Math.floor(price / 100)}.${String(price % 100).padStart(2, '0')}"`
    const started = performance.now()
    const changed = await fetch(`${server.url}/api/v1/catalog/admin/products/${product.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ version: product.version, price }),
    })
    if (!changed.ok) throw new Error(`changing the price: ${changed.status} ${await changed.text()}`)
    while (!(await (await fetch(page)).text()).includes(shown)) {
      if (performance.now() - started > 30_000) throw new Error('the change never showed')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const ms = Math.round(performance.now() - started)
    return { value: ms, p50Ms: ms, p99Ms: ms, peakRssMb: peakRssMb(server.child.pid!) }
  },
}

interface ProductView {
  id: string
  version: number
  price: { amount: number }
}
