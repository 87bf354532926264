import type { Scenario } from '../harness'

// A product of the deterministic demo catalog every instance seeds on first start.
const PRODUCT = '/api/v1/catalog/products?category=electronics&pageSize=1&sort=price-asc'

async function demoProductSlug(url: string): Promise<string> {
  const response = await fetch(`${url}${PRODUCT}`)
  if (!response.ok) throw new Error(`listing the demo catalog: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { items: { slug: string }[] }).items[0]!.slug
}

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
    const slug = await demoProductSlug(server.url)
    return httpLoad(`${server.url}/products/${slug}`, server.child.pid!)
  },
}
