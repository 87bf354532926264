import type { AttributeValue } from '../mongo/documents'
import { slugify } from '../domain/slug'
import { type Random, seededRandom } from './random'

export type ProductKind = 'electronics' | 'clothing' | 'books'

export interface VariantDraft {
  name: string
  attributes: Record<string, string>
  priceModifier: number
}

/** What a kind's table decides; ids, skus, images, status and reviews are added when the catalog is assembled. */
export interface ProductDraft {
  kind: ProductKind
  /** Slug of the level-3 category the product sits in. */
  leaf: string
  name: string
  description: string
  price: number
  attributes: Record<string, AttributeValue>
  variants: VariantDraft[]
}

/** What a leaf's generator decides; the leaf table adds where the product sits. */
export type DraftBody = Omit<ProductDraft, 'kind' | 'leaf'>

export interface LeafTable {
  leaf: string
  count: number
  make: (random: Random) => DraftBody
}

/** Each kind has its own seed, so editing one kind's tables leaves the other kinds' products as they were. */
export function kindDrafts(kind: ProductKind, seed: number, leaves: LeafTable[], taken: Set<string>): ProductDraft[] {
  const random = seededRandom(seed)
  return leaves.flatMap(({ leaf, count, make }) => uniqueDrafts(count, taken, () => ({ kind, leaf, ...make(random) })))
}

/** A price in cents between two euro amounts, ending in .99 or .00 the way shop prices do. */
export function demoPrice(random: Random, minEuros: number, maxEuros: number, stepEuros = 1): number {
  const euros = random.int(Math.ceil(minEuros / stepEuros), Math.floor(maxEuros / stepEuros)) * stepEuros
  return random.chance(0.75) ? euros * 100 - 1 : euros * 100
}

/** An opening sentence plus one to three more drawn from a pool, so descriptions differ in length and content. */
export function describe(random: Random, opening: string, pool: readonly string[]): string {
  return [opening, ...random.sample(pool, random.int(1, Math.min(3, pool.length)))].join(' ')
}

/**
 * Draws drafts until `count` have a slug not yet taken anywhere in the catalog. Names are combinations
 * of small tables, so a repeat now and then is expected; a table too small to fill its leaf is a bug.
 */
function uniqueDrafts(count: number, taken: Set<string>, make: () => ProductDraft): ProductDraft[] {
  const drafts: ProductDraft[] = []
  for (let attempt = 0; drafts.length < count; attempt++) {
    if (attempt > count * 50) throw new Error(`Could not find ${count} distinct product names`)
    const draft = make()
    const slug = slugify(draft.name)
    if (taken.has(slug)) continue
    taken.add(slug)
    drafts.push(draft)
  }
  return drafts
}
