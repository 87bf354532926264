import type { CategoryDocument, ProductDocument, ProductStatus, ReviewDocument } from '../mongo/documents'
import { slugify } from '../domain/slug'
import { booksDrafts } from './books'
import { demoCategories } from './categories'
import { clothingDrafts } from './clothing'
import type { ProductDraft, ProductKind } from './draft'
import { electronicsDrafts } from './electronics'
import { demoDate, demoId } from './ids'
import { drawingOf, productImage } from './images'
import { seededRandom } from './random'
import { demoReviews, THINGS } from './reviews'

export interface DemoCatalog {
  categories: CategoryDocument[]
  products: ProductDocument[]
  reviews: ReviewDocument[]
  /** Drawing path (`….svg`) → SVG document, for the seeder to put in image storage; products name their WebP renditions. */
  images: Map<string, string>
}

const SKU_PREFIX: Record<ProductKind, string> = { electronics: 'EL', clothing: 'CL', books: 'BK' }

/** A few products per kind are off sale, at fixed positions, so pages and tests can show they stay hidden. */
const OFF_SALE: Record<number, ProductStatus> = { 11: 'draft', 23: 'archived' }

/** Four featured products per kind, spread over its leaves and never on the off-sale positions. */
function isFeatured(position: number, kindSize: number): boolean {
  const spacing = Math.floor(kindSize / 4)
  return position % spacing === 5 && position < spacing * 4
}

function ratingOf(reviews: ReviewDocument[]): ProductDocument['rating'] {
  const approved = reviews.filter((review) => review.status === 'approved')
  if (approved.length === 0) return { average: 0, count: 0 }
  const sum = approved.reduce((total, review) => total + review.rating, 0)
  return { average: Math.round((sum / approved.length) * 10) / 10, count: approved.length }
}

/** The demo shop's catalog: the same documents, ids and pictures on every call, with no clock or chance involved. */
export function demoCatalog(): DemoCatalog {
  const categories = demoCategories()
  const leafIds = new Map(categories.filter((category) => category.level === 3).map((leaf) => [leaf.slug, leaf._id]))
  const takenSlugs = new Set<string>()
  const drafts: ProductDraft[] = [
    ...electronicsDrafts(takenSlugs),
    ...clothingDrafts(takenSlugs),
    ...booksDrafts(takenSlugs),
  ]
  const kindSizes = new Map<ProductKind, number>()
  for (const draft of drafts) kindSizes.set(draft.kind, (kindSizes.get(draft.kind) ?? 0) + 1)

  const random = seededRandom(0x5eed)
  const products: ProductDocument[] = []
  const reviews: ReviewDocument[] = []
  const images = new Map<string, string>()
  const positions = new Map<string, number>()
  const next = (key: string): number => {
    const value = positions.get(key) ?? 0
    positions.set(key, value + 1)
    return value
  }

  drafts.forEach((draft, index) => {
    const categoryId = leafIds.get(draft.leaf)
    if (!categoryId) throw new Error(`No level-3 category "${draft.leaf}"`)
    const position = next(draft.kind)
    const slug = slugify(draft.name)
    const leafCode = draft.leaf.replace(/-/g, '').slice(0, 3).toUpperCase()
    const sku = `${SKU_PREFIX[draft.kind]}-${leafCode}-${String(next(draft.leaf) + 1).padStart(3, '0')}`
    const status = OFF_SALE[position] ?? 'active'
    const views = random.int(1, 3)
    const author = typeof draft.attributes.author === 'string' ? draft.attributes.author : undefined
    // A product sold in colours has pictures in each; its own are those of its first colour.
    const colours = [draft.attributes.color].flat().filter((colour): colour is string => typeof colour === 'string')
    const picturesOf = (colour?: string) =>
      Array.from({ length: views }, (_, index) => {
        const path = `/images/catalog/${[slug, colour && slugify(colour), index + 1].filter(Boolean).join('-')}`
        images.set(`${path}.svg`, productImage({ slug, name: draft.name, leaf: draft.leaf, colour, author }, index + 1))
        // Pages show the WebP rendition, made from the drawing on first request (features/read-image).
        return `${path}.webp`
      })
    const pictures = new Map(colours.map((colour) => [colour, picturesOf(colour)]))
    const paths = colours.length ? pictures.get(colours[0]!)! : picturesOf()
    const _id = demoId('products', index + 1)
    const createdAt = demoDate(index * 4)
    const productReviews =
      status === 'active'
        ? demoReviews(
            random,
            { _id, kind: draft.kind, createdAt, thing: THINGS[drawingOf(draft.leaf, draft.name)] },
            reviews.length + 1,
          )
        : []
    reviews.push(...productReviews)
    products.push({
      _id,
      sku,
      name: draft.name,
      slug,
      description: draft.description,
      price: draft.price,
      currency: 'EUR',
      images: paths,
      status,
      attributes: draft.attributes,
      categoryIds: [categoryId],
      variants: draft.variants.map((variant) => ({
        sku: `${sku}-${slugify(variant.name).toUpperCase()}`,
        ...variant,
        ...(variant.attributes.color ? { images: pictures.get(variant.attributes.color) ?? [] } : {}),
      })),
      featured: status === 'active' && isFeatured(position, kindSizes.get(draft.kind) ?? 0),
      rating: ratingOf(productReviews),
      createdAt,
      updatedAt: demoDate(index * 4 + (index % 7) * 24),
      version: 1,
      outbox: [],
    })
  })
  return { categories, products, reviews, images }
}
