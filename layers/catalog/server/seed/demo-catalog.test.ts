import { describe, expect, it } from 'vitest'
import { slugify } from '../domain/slug'
import { drawingName } from '../features/read-image'
import { demoCatalog } from './demo-catalog'
import { COLOURS, drawingOf } from './images'

const catalog = demoCatalog()
const { categories, products, reviews, images } = catalog
/** The drawing a product's picture (a WebP rendition) is made from. */
const drawing = (path: string) => images.get(drawingName(path))
const categoryById = new Map(categories.map((category) => [category._id.toHexString(), category]))
const kindOf = (sku: string): string => sku.slice(0, 2)

function isValidIsbn13(isbn: string): boolean {
  if (!/^97[89]\d{10}$/.test(isbn)) return false
  const sum = [...isbn].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0)
  return sum % 10 === 0
}

function expectUnique(values: string[]): void {
  expect(new Set(values).size).toBe(values.length)
}

describe('demo catalog', () => {
  it('is the same on every call', () => {
    expect(demoCatalog()).toEqual(catalog)
  })

  it('has at least 300 products, with at least 90 of each kind', () => {
    expect(products.length).toBeGreaterThanOrEqual(300)
    for (const kind of ['EL', 'CL', 'BK']) {
      expect(products.filter((product) => kindOf(product.sku) === kind).length).toBeGreaterThanOrEqual(90)
    }
  })

  it('gives every product and variant a unique name, slug and sku, and slugs follow the name', () => {
    expectUnique(products.map((product) => product.name))
    expectUnique(products.map((product) => product.slug))
    const variantSkus = products.flatMap((product) => product.variants.map((variant) => variant.sku))
    expectUnique([...products.map((product) => product.sku), ...variantSkus])
    for (const product of products) expect(product.slug).toBe(slugify(product.name))
  })

  it('gives every document a unique id', () => {
    expectUnique([...categories, ...products, ...reviews].map((document) => document._id.toHexString()))
  })

  it('keeps money in whole minor units', () => {
    for (const product of products) {
      expect(Number.isInteger(product.price) && product.price > 0).toBe(true)
      expect(product.currency).toBe('EUR')
      for (const variant of product.variants) {
        expect(Number.isInteger(variant.priceModifier)).toBe(true)
        expect(product.price + variant.priceModifier).toBeGreaterThan(0)
      }
    }
  })

  it('gives every book a valid, unique ISBN-13', () => {
    const isbns = products.filter((product) => kindOf(product.sku) === 'BK').map((book) => book.attributes.isbn)
    for (const isbn of isbns) expect(typeof isbn === 'string' && isValidIsbn13(isbn), String(isbn)).toBe(true)
    expectUnique(isbns as string[])
  })

  it('offers every size in every colour of a garment as a variant', () => {
    for (const product of products.filter((candidate) => kindOf(candidate.sku) === 'CL')) {
      const { size, color } = product.attributes as { size: string[]; color: string[] }
      expect(product.variants.length).toBe(size.length * color.length)
    }
  })

  it('puts every product in exactly one level-3 category', () => {
    for (const product of products) {
      expect(product.categoryIds).toHaveLength(1)
      expect(categoryById.get(product.categoryIds[0]!.toHexString())?.level).toBe(3)
    }
  })

  it('keeps category paths and levels consistent with their parents', () => {
    for (const category of categories) {
      const parent = category.parentId ? categoryById.get(category.parentId.toHexString()) : null
      expect(category.path).toEqual([...(parent?.path ?? []), category.slug])
      expect(category.level).toBe(category.path.length)
      expect(category.level === 1).toBe(parent === null)
    }
    expect(categories.filter((category) => category.level === 1).map((root) => root.name)).toEqual([
      'Electronics',
      'Clothing',
      'Books',
    ])
  })

  it('only offers facets that products in the category actually have', () => {
    for (const category of categories) {
      const inside = products.filter((product) =>
        categoryById.get(product.categoryIds[0]!.toHexString())?.path.join('/').startsWith(category.path.join('/')),
      )
      expect(category.facets.length).toBeGreaterThan(0)
      for (const facet of category.facets) {
        expect(
          inside.some((product) => facet in product.attributes),
          `${category.slug}: ${facet}`,
        ).toBe(true)
      }
    }
  })

  it('features the roots and at least four deeper categories', () => {
    expect(categories.filter((category) => category.level === 1).every((root) => root.featured)).toBe(true)
    expect(categories.filter((category) => category.level > 1 && category.featured).length).toBeGreaterThanOrEqual(4)
  })

  it('has an SVG for every image path, with a title, small enough to serve inline', () => {
    for (const product of products) {
      expect(product.images.length).toBeGreaterThanOrEqual(1)
      expect(product.images.length).toBeLessThanOrEqual(3)
      for (const path of product.images) {
        expect(path.startsWith(`/images/catalog/${product.slug}-`)).toBe(true)
        const svg = drawing(path)
        expect(svg, path).toBeDefined()
        expect(svg).toContain('<svg')
        expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"')
        expect(svg).toContain('<title')
        expect(svg!.trimEnd().endsWith('</svg>')).toBe(true)
        expect(svg!.length).toBeLessThan(4096)
      }
    }
  })

  it('draws each product as what it is, and each picture of a product differently', () => {
    const drawn = new Map<string, Set<string>>()
    for (const product of products) {
      const leaf = categoryById.get(product.categoryIds[0]!.toHexString())!.slug
      drawn.set(leaf, (drawn.get(leaf) ?? new Set()).add(drawingOf(leaf, product.name)))
      const pictures = product.images.map(drawing)
      expect(new Set(pictures).size, product.slug).toBe(pictures.length)
    }
    expect(Object.fromEntries([...drawn].map(([leaf, kinds]) => [leaf, [...kinds].sort()]))).toEqual({
      laptops: ['laptop'],
      monitors: ['monitor'],
      smartphones: ['phone'],
      headphones: ['earbuds', 'headphones'],
      speakers: ['portableSpeaker', 'smartSpeaker', 'soundbar', 'speaker'],
      shirts: ['shirt'],
      jackets: ['coat', 'jacket'],
      dresses: ['dress'],
      tops: ['tank', 'tee'],
      sneakers: ['sneaker'],
      ...Object.fromEntries(
        [...drawn.keys()].filter((leaf) => [...drawn.get(leaf)!][0] === 'book').map((leaf) => [leaf, ['book']]),
      ),
    })
  })

  it('pictures a colour variant in its colour: the image URL and the drawing follow the colour', () => {
    const coloured = products.filter((product) => product.variants.some((variant) => variant.attributes.color))
    expect(coloured.length).toBeGreaterThan(50)
    for (const product of coloured)
      for (const variant of product.variants) {
        const colour = variant.attributes.color!
        expect(variant.images, variant.sku).toHaveLength(product.images.length)
        for (const path of variant.images!) {
          expect(path).toMatch(new RegExp(`^/images/catalog/${product.slug}-${slugify(colour)}-\\d\\.webp$`))
          expect(drawing(path)).toContain(`.b{fill:${COLOURS[colour]}}`)
        }
      }
    // The product's own pictures are its first colour's.
    const camel = coloured.find((product) => [product.attributes.color].flat()[0] === 'Camel')!
    expect(camel.images[0]).toBe(`/images/catalog/${camel.slug}-camel-1.webp`)
    expect(COLOURS.Camel).toBe('#c19a6b')
  })

  it('escapes XML special characters in names drawn into images', () => {
    const product = products.find((candidate) => candidate.name.includes('&'))!
    const svg = drawing(product.images[0]!)!
    expect(svg).not.toMatch(/&(?!#\d+;|[a-z]+;)/)
  })

  it('writes each product’s reviews in different words, each text fitting its title and product', () => {
    for (const product of products) {
      const own = reviews.filter((review) => review.productId.equals(product._id))
      expect(new Set(own.map((review) => review.title)).size, product.slug).toBe(own.length)
      for (const review of own) expect(review.comment).not.toContain('{')
    }
    const ratingsOf = (title: string) =>
      new Set(reviews.filter((review) => review.title === title).map((r) => r.rating))
    // A title always comes with the same number of stars: "Disappointing" is never five.
    for (const title of new Set(reviews.map((review) => review.title))) expect(ratingsOf(title).size, title).toBe(1)
    expect(new Set(reviews.map((review) => review.comment)).size).toBeGreaterThan(60)
  })

  it('sums up only approved reviews in each product rating', () => {
    for (const product of products) {
      const approved = reviews.filter((review) => review.productId.equals(product._id) && review.status === 'approved')
      const mean = approved.reduce((sum, review) => sum + review.rating, 0) / (approved.length || 1)
      expect(product.rating).toEqual({ average: Math.round(mean * 10) / 10, count: approved.length })
    }
    expect(reviews.some((review) => review.status === 'pending')).toBe(true)
  })

  it('only reviews active products, with ratings from 1 to 5', () => {
    const active = new Set(products.filter((p) => p.status === 'active').map((p) => p._id.toHexString()))
    for (const review of reviews) {
      expect(active.has(review.productId.toHexString())).toBe(true)
      expect([1, 2, 3, 4, 5]).toContain(review.rating)
      expect(review.userId).toBeNull()
    }
  })

  it('has draft and archived products, and features only active ones', () => {
    expect(products.filter((product) => product.status === 'draft').length).toBeGreaterThanOrEqual(1)
    expect(products.filter((product) => product.status === 'archived').length).toBeGreaterThanOrEqual(1)
    const featured = products.filter((product) => product.featured)
    expect(featured.length).toBeGreaterThanOrEqual(10)
    expect(featured.every((product) => product.status === 'active')).toBe(true)
  })

  it('starts every product at version 1 with an empty outbox', () => {
    for (const product of products) {
      expect(product.version).toBe(1)
      expect(product.outbox).toEqual([])
      expect(product.updatedAt.getTime()).toBeGreaterThanOrEqual(product.createdAt.getTime())
    }
  })
})
