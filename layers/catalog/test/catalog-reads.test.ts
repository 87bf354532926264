import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HomeDto, ProductDto, ProductPageDto, ReviewPageDto } from '../contracts'
import { PRICE_BANDS, priceBandLabel } from '../server/domain/listing-query'
import { categoryIndex } from '../server/features/category-index'
import { featured } from '../server/features/featured'
import type { Result } from '#kernel/contracts/result'
import { listCategory, searchProducts } from '../server/features/list-products'
import { productJsonBySlug } from '../server/features/product-detail'
import { productReviewsJson } from '../server/features/product-reviews'
import { productEntries, sitemapPlan } from '../server/features/sitemap'
import type { ProductDocument } from '../server/mongo/documents'
import { demoCatalog } from '../server/seed/demo-catalog'
import { seedDemoCatalog } from '../server/seed/seed-catalog'
import { openCatalogStore, type CatalogStore } from './catalog-store'

const demo = demoCatalog()
const active = demo.products.filter((product) => product.status === 'active')

const pageOf = <Page extends ProductPageDto>(listing: Result<Page>): Page => {
  if (!listing.ok) throw new Error(`expected a page, got ${JSON.stringify(listing)}`)
  return listing.value
}

/** Facet counts computed here, in plain code, from the demo data: what the database must agree with. */
function expectedCounts(products: ProductDocument[], filters: Record<string, string[]>, key: string) {
  const matches = (product: ProductDocument, except: string) =>
    Object.entries(filters).every(
      ([facet, values]) =>
        facet === except || [product.attributes[facet]].flat().some((value) => values.includes(String(value))),
    )
  const counts = new Map<string, number>()
  for (const product of products.filter((product) => matches(product, key)))
    for (const value of new Set([product.attributes[key]].flat()))
      if (value !== undefined) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1)
  return counts
}

describe('catalog reads on the MongoDB-wire server and Redis', () => {
  let store: CatalogStore

  beforeAll(async () => {
    store = await openCatalogStore('reads')
  })
  afterAll(async () => {
    await store?.close()
  })

  it('seeds the demo catalog once: a second start changes nothing', async () => {
    expect(await seedDemoCatalog(store.catalog.collections, store.catalog.images)).toEqual({
      seeded: false,
      products: 0,
    })
    expect(await store.catalog.collections.products.countDocuments()).toBe(demo.products.length)
    expect(demo.products.length).toBeGreaterThanOrEqual(300)
  })

  it('refuses a second product with a taken sku or slug', async () => {
    const { _id: _id, ...taken } = active[0]!
    await expect(
      store.catalog.collections.products.insertOne({ ...taken, slug: 'another-slug' } as ProductDocument),
    ).rejects.toThrow(/E11000/)
    await expect(
      store.catalog.collections.products.insertOne({ ...taken, sku: 'ANOTHER-SKU' } as ProductDocument),
    ).rejects.toThrow(/E11000/)
  })

  it('reads a product by slug with its variants, prices in minor units, category path and rating', async () => {
    const withVariants = active.find((product) => product.variants.length > 1)!
    const product = JSON.parse((await productJsonBySlug(store.catalog, withVariants.slug))!) as ProductDto
    expect(product).toMatchObject({
      slug: withVariants.slug,
      sku: withVariants.sku,
      name: withVariants.name,
      price: { amount: withVariants.price, currency: withVariants.currency },
      rating: withVariants.rating,
    })
    expect(product.variants.map((variant) => variant.price.amount)).toEqual(
      withVariants.variants.map((variant) => withVariants.price + variant.priceModifier),
    )
    expect(product.categoryPath).toHaveLength(3)
    expect(product.categoryPath.at(-1)!.slug).toBe(
      demo.categories.find((c) => c._id.equals(withVariants.categoryIds[0]))!.slug,
    )
  })

  it.each(['draft', 'archived'] as const)('hides a %s product and an unknown slug', async (status) => {
    const hidden = demo.products.find((product) => product.status === status)!
    expect(await productJsonBySlug(store.catalog, hidden.slug)).toBeUndefined()
    expect(await productJsonBySlug(store.catalog, 'no-such-product')).toBeUndefined()
  })

  it('lists a category subtree with disjunctive facet counts equal to counts computed independently', async () => {
    const clothing = (await categoryIndex(store.catalog)).find('clothing')!
    const subtree = new Set((await categoryIndex(store.catalog)).subtreeIds('clothing'))
    const inClothing = active.filter((product) => subtree.has(String(product.categoryIds[0])))
    const size = String([inClothing[0]!.attributes.size].flat()[0])
    const filters = { size: [size] }
    const page = pageOf(await listCategory(store.catalog, 'clothing', { size, pageSize: '48' }))
    expect(page.total).toBe(inClothing.filter((p) => [p.attributes.size].flat().includes(size)).length)
    for (const key of clothing.facets) {
      const facet = page.facets.find((candidate) => candidate.key === key)!
      const counts = new Map(facet.values.map((value) => [value.value, value.count]))
      expect(counts, key).toEqual(expectedCounts(inClothing, filters, key))
    }
    expect(page.facets.find((f) => f.key === 'size')!.values.find((v) => v.value === size)!.selected).toBe(true)
    const bands = new Map<string, number>()
    for (const product of inClothing.filter((p) => [p.attributes.size].flat().includes(size))) {
      const lower = PRICE_BANDS.findLast((band) => product.price >= band)!
      bands.set(priceBandLabel(lower), (bands.get(priceBandLabel(lower)) ?? 0) + 1)
    }
    const priceFacet = page.facets.find((candidate) => candidate.key === 'price')!
    expect(new Map(priceFacet.values.map((value) => [value.value, value.count]))).toEqual(bands)
  })

  it.each([
    ['clothing', 'size', ['XS', 'S', 'M', 'L', 'XL', 'XXL']],
    ['laptops', 'storage', ['256 GB', '512 GB', '1 TB', '2 TB']],
    ['laptops', 'ram', ['8 GB', '16 GB', '32 GB', '64 GB']],
  ])('lists the %s %s facet in its natural order', async (category, key, order) => {
    const values = pageOf(await listCategory(store.catalog, category, {}))
      .facets.find((facet) => facet.key === key)!
      .values.map((option) => option.value)
    expect(values.filter((value) => order.includes(value))).toEqual(order.filter((value) => values.includes(value)))
    expect(values.length).toBeGreaterThan(2)
  })

  it('filters by price band and sorts by price, pages without overlap', async () => {
    const first = pageOf(await listCategory(store.catalog, 'electronics', { sort: 'price-asc', pageSize: '10' }))
    const second = pageOf(
      await listCategory(store.catalog, 'electronics', { sort: 'price-asc', pageSize: '10', page: '2' }),
    )
    const prices = [...first.items, ...second.items].map((item) => item.price.amount)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(20)
    const band = pageOf(await listCategory(store.catalog, 'electronics', { price: '10000-25000', pageSize: '48' }))
    expect(band.items.every((item) => item.price.amount >= 10_000 && item.price.amount < 25_000)).toBe(true)
    const bandCount = band.facets.find((f) => f.key === 'price')!.values.find((v) => v.value === '10000-25000')!
    expect(bandCount).toMatchObject({ count: band.total, selected: true })
  })

  it.each([
    [{ page: '0' }, 'page'],
    [{ pageSize: '500' }, 'pageSize'],
    [{ sort: 'cheapest' }, 'sort'],
    [{ price: '3-4' }, 'price'],
  ])('refuses listing input %j', async (raw, field) => {
    expect(await listCategory(store.catalog, 'books', raw)).toMatchObject({
      ok: false,
      status: 400,
      errors: [{ field }],
    })
  })

  it('answers an unknown category as such', async () => {
    expect(await listCategory(store.catalog, 'no-such-category', {})).toEqual({
      ok: false,
      status: 404,
      detail: 'The category was not found.',
    })
  })

  it('ranks an exact name match first in search', async () => {
    const target = active.find((product) => product.name.split(' ').length >= 3)!
    const results = pageOf(await searchProducts(store.catalog, target.name, {}))
    expect(results.items[0]!.slug).toBe(target.slug)
    expect(results.total).toBeGreaterThan(1)
  })

  it('finds what a misspelt word meant: "jackt" finds jackets, "headphnes" headphones', async () => {
    const named = (word: string) => active.filter((product) => product.name.toLowerCase().includes(word))
    const jackets = pageOf(await searchProducts(store.catalog, 'jackt', { pageSize: 48 }))
    expect(jackets).toMatchObject({ query: 'jacket', correctedFrom: 'jackt' })
    expect(named('jacket').length).toBeGreaterThan(5)
    expect(jackets.items.slice(0, named('jacket').length).map((item) => item.name)).toEqual(
      expect.arrayContaining(named('jacket').map((product) => product.name)),
    )

    const mentioning = active.filter((product) => `${product.name} ${product.description}`.match(/headphones?\b/i))
    const headphones = pageOf(await searchProducts(store.catalog, 'headphnes', { pageSize: 48 }))
    expect(headphones).toMatchObject({ query: 'headphones', correctedFrom: 'headphnes', total: mentioning.length })
    // Those called headphones first, then earbuds described as headphones.
    const names = headphones.items.map((item) => /headphones/i.test(item.name))
    expect(names.indexOf(false)).toBe(named('headphones').length)

    // A word spelt right is searched as it is.
    expect(pageOf(await searchProducts(store.catalog, 'jacket', {})).correctedFrom).toBeUndefined()
  })

  it('ranks products matching all the words first: "Lumetra laptop" shows Lumetra laptops first', async () => {
    const lumetra = active.filter((product) => product.attributes.brand === 'Lumetra')
    const laptops = lumetra.filter((product) => product.name.endsWith('Laptop'))
    expect(laptops.length).toBeGreaterThan(0)
    expect(lumetra.length).toBeGreaterThan(laptops.length)
    const results = pageOf(await searchProducts(store.catalog, 'Lumetra laptops', { pageSize: 48 }))
    expect(results.correctedFrom).toBeUndefined()
    const first = results.items.slice(0, laptops.length).map((item) => item.slug)
    expect(first.sort()).toEqual(laptops.map((product) => product.slug).sort())
    // Then other Lumetra products, and other laptops.
    const rest = new Set(results.items.slice(laptops.length).map((item) => item.slug))
    expect(lumetra.some((product) => rest.has(product.slug))).toBe(true)
  })

  it('features each top-level category’s best-rated products on the home page, in whole rows of four', async () => {
    const home = JSON.parse(await featured(store.catalog)) as HomeDto
    expect(home.products).toHaveLength(12)
    const bySlug = new Map(active.map((product) => [product.slug, product]))
    for (let row = 0; row < 3; row++) {
      const products = home.products.slice(row * 4, row * 4 + 4).map((item) => bySlug.get(item.slug)!)
      expect(new Set(products.map((product) => product.sku.slice(0, 2))).size).toBe(1)
      const averages = products.map((product) => product.rating.average)
      expect(averages).toEqual([...averages].sort((a, b) => b - a))
      for (const product of products) expect(product.rating.count).toBeGreaterThanOrEqual(3)
      expect(Math.min(...averages)).toBeGreaterThanOrEqual(4)
    }
  })

  it('lists every active product in the sitemap, and nothing hidden', async () => {
    expect(await sitemapPlan(store.catalog)).toEqual({ single: true, productPages: 1 })
    const paths = (await productEntries(store.catalog, 1)).map((entry) => entry.path).sort()
    expect(paths).toEqual(active.map((product) => `/products/${product.slug}`).sort())
  })

  it('pages a product’s approved reviews, newest first', async () => {
    const reviewed = active.find((product) => product.rating.count >= 2)!
    const page = JSON.parse((await productReviewsJson(store.catalog, reviewed.slug, 1))!) as ReviewPageDto
    expect(page.total).toBe(reviewed.rating.count)
    const dates = page.items.map((review) => review.createdAt)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(await productReviewsJson(store.catalog, 'no-such-product', 1)).toBeUndefined()
  })
})
