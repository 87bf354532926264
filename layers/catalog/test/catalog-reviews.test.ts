import { ObjectId } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProductDto, ReviewPageDto } from '../contracts'
import { moderateReview } from '../server/features/moderate-review'
import { postReview } from '../server/features/post-review'
import { productJsonBySlug } from '../server/features/product-detail'
import { updateProductRating } from '../server/features/product-rating'
import { productReviewsJson } from '../server/features/product-reviews'
import { reviewQueue } from '../server/features/review-queue'
import { reviewInput } from '../server/features/review-input'
import type { ProductDocument, ReviewDocument } from '../server/mongo/documents'
import { openCatalogStore, type CatalogStore } from './catalog-store'

const review = (rating: number, overrides: Record<string, unknown> = {}) =>
  reviewInput.parse({ rating, title: '  Solid  ', comment: 'Does what it says.', authorName: 'Sam T.', ...overrides })

/** The rating as the product page should show it, worked out without the database's help. */
const plainRating = (reviews: ReviewDocument[]) => {
  const approved = reviews.filter((candidate) => candidate.status === 'approved')
  if (!approved.length) return { average: 0, count: 0 }
  let sum = 0
  for (const candidate of approved) sum += candidate.rating
  return { average: Math.round((sum / approved.length) * 10) / 10, count: approved.length }
}

describe('shopper reviews and their moderation', () => {
  let store: CatalogStore
  let onSale: ProductDocument[]
  const userId = () => crypto.randomUUID()
  const posted = async (product: ProductDocument, rating: number, by = userId()) => {
    const outcome = await postReview(store.catalog, by, product.slug, review(rating))
    if (!outcome.ok) throw new Error(outcome.detail)
    return outcome.value
  }
  const reviewsOf = (product: ProductDocument) =>
    store.catalog.collections.reviews.find({ productId: product._id }).toArray()

  beforeAll(async () => {
    store = await openCatalogStore('reviews')
    onSale = await store.catalog.collections.products.find({ status: 'active' }).sort({ _id: 1 }).limit(6).toArray()
  })
  afterAll(async () => {
    await store?.close()
  })

  it('holds a new review for moderation, unverified, out of the rating and the public list', async () => {
    const product = onSale[0]!
    const created = await posted(product, 1)
    expect(created).toMatchObject({ status: 'pending', verified: false, rating: 1, title: 'Solid' })
    expect((await store.catalog.collections.products.findOne({ _id: product._id }))!.rating).toEqual(product.rating)
    const listed = JSON.parse((await productReviewsJson(store.catalog, product.slug, 1))!) as ReviewPageDto
    expect(listed.items.map((item) => item.id)).not.toContain(created.id)
  })

  it('marks the review of a shopper who bought the product a verified purchase', async () => {
    const product = onSale[3]!
    const buyer = userId()
    store.purchases.add(`${buyer} ${String(product._id)}`)
    expect(await posted(product, 5, buyer)).toMatchObject({ verified: true })
    expect(await posted(product, 4)).toMatchObject({ verified: false })
  })

  it('takes one review per shopper and product', async () => {
    const [first, second] = onSale.slice(1, 3) as [ProductDocument, ProductDocument]
    const shopper = userId()
    await posted(first, 4, shopper)
    expect(await postReview(store.catalog, shopper, first.slug, review(5))).toMatchObject({ ok: false, status: 409 })
    await expect(posted(second, 5, shopper)).resolves.toMatchObject({ status: 'pending' })
    await expect(posted(first, 2)).resolves.toMatchObject({ status: 'pending' })
  })

  it.each([
    ['an unknown product', async () => 'no-such-product'],
    [
      'an archived product',
      async () => (await store.catalog.collections.products.findOne({ status: 'archived' }))!.slug,
    ],
  ])('refuses a review of %s with 404', async (_case, slugOf) => {
    expect(await postReview(store.catalog, userId(), await slugOf(), review(3))).toMatchObject({
      ok: false,
      status: 404,
    })
  })

  it('recounts a rating equal to one computed in plain code', async () => {
    for (const product of onSale) {
      expect(await updateProductRating(store.catalog, product._id)).toEqual(plainRating(await reviewsOf(product)))
      const stored = await store.catalog.collections.products.findOne({ _id: product._id })
      expect(stored!.rating).toEqual(plainRating(await reviewsOf(product)))
    }
  })

  it('counts a review once approved and stops once rejected, on the cached page too, without a new version', async () => {
    const product = onSale[3]!
    const page = async () => JSON.parse((await productJsonBySlug(store.catalog, product.slug))!) as ProductDto
    await page() // cached now
    const ids = [await posted(product, 5), await posted(product, 2), await posted(product, 4)].map((r) => r.id)
    for (const id of ids) expect(await moderateReview(store.catalog, id, 'approved')).toMatchObject({ ok: true })
    const approved = plainRating(await reviewsOf(product))
    expect(approved.count).toBe(product.rating.count + 3)
    expect((await page()).rating).toEqual(approved)

    expect(await moderateReview(store.catalog, ids[0]!, 'rejected')).toMatchObject({
      ok: true,
      value: { status: 'rejected' },
    })
    expect((await page()).rating).toEqual(plainRating(await reviewsOf(product)))
    expect((await page()).rating.count).toBe(product.rating.count + 2)
    const stored = await store.catalog.collections.products.findOne({ _id: product._id })
    // Moderation changes the rating kept with the product, not the product: no new version, no event.
    expect(stored).toMatchObject({ version: product.version, outbox: product.outbox })
  })

  it('answers 404 when moderating a review that does not exist', async () => {
    expect(await moderateReview(store.catalog, String(new ObjectId()), 'approved')).toMatchObject({
      ok: false,
      status: 404,
    })
  })

  it('queues pending reviews newest first, each with its product slug and name', async () => {
    const product = onSale[4]!
    const newest = await posted(product, 3)
    const queue = await reviewQueue(store.catalog, 'pending', 1)
    expect(queue).toMatchObject({ page: 1, pageSize: 20 })
    expect(queue.items[0]).toMatchObject({
      id: newest.id,
      status: 'pending',
      product: { id: String(product._id), slug: product.slug, name: product.name },
    })
    const times = queue.items.map((item) => item.createdAt)
    expect(times).toEqual([...times].sort().reverse())
    expect(queue.items.every((item) => item.status === 'pending')).toBe(true)
    expect(queue.total).toBe(await store.catalog.collections.reviews.countDocuments({ status: 'pending' }))
  })
})
