import type { Document, ObjectId } from 'mongodb'
import { PRICE_FACET } from '../../contracts'
import { PRICE_BANDS, priceBandLabel, type ListingQuery, type PriceBand, type Sort } from '../domain/listing-query'
import { searchPrefixes } from '../domain/spelling'

/** Which products a listing draws from: a category subtree, a text search, or both. */
export interface ListingScope {
  categoryIds?: ObjectId[]
  search?: string
}

export interface ListingResult {
  items: Document[]
  total: number
  /** Facet key → value → count, each facet counted with every other filter applied but its own. */
  facets: Map<string, Map<string, number>>
}

const SORT_STAGES: Record<Sort, Document> = {
  featured: { featured: -1, 'rating.count': -1, _id: 1 },
  'price-asc': { price: 1, _id: 1 },
  'price-desc': { price: -1, _id: 1 },
  newest: { createdAt: -1, _id: 1 },
  rating: { 'rating.average': -1, 'rating.count': -1, _id: 1 },
  // An exact name match first, then names matching more of the words, then MongoDB's text score.
  relevance: { exactName: -1, matchedWords: -1, score: -1, _id: 1 },
}

/** What a listing row needs: the card, and whether it is sold as itself (its sku) or in variants. */
export const SUMMARY_FIELDS = {
  slug: 1,
  name: 1,
  price: 1,
  currency: 1,
  images: 1,
  rating: 1,
  sku: 1,
  'variants.sku': 1,
} as const

// Query strings carry text; attributes may hold numbers or booleans ("wireless": true).
const typedCandidates = (values: string[]) =>
  values.flatMap((value) => {
    const typed: unknown[] = [value]
    if (value === 'true' || value === 'false') typed.push(value === 'true')
    else if (value.trim() !== '' && Number.isFinite(Number(value))) typed.push(Number(value))
    return typed
  })

const priceCondition = (bands: PriceBand[]): Document =>
  bands.length === 1 ? { price: bandRange(bands[0]!) } : { $or: bands.map((band) => ({ price: bandRange(band) })) }

const bandRange = (band: PriceBand) => (band.max === undefined ? { $gte: band.min } : { $gte: band.min, $lt: band.max })

// Not $bucket: the embedded server's query engine (mingo 7) puts a price equal to a boundary in the
// band below it, where MongoDB puts it in the band above.
const priceBandOf = (price: string): Document => ({
  $switch: {
    branches: PRICE_BANDS.slice(1).map((upper, index) => ({ case: { $lt: [price, upper] }, then: PRICE_BANDS[index] })),
    default: PRICE_BANDS.at(-1),
  },
})

const stringOr = (path: string): Document => ({ $cond: [{ $eq: [{ $type: path }, 'string'] }, path, ''] })
const NAMED_AS = { $concat: ['$name', ' ', stringOr('$attributes.brand'), ' ', stringOr('$attributes.author')] }
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * How many of the search's words a product's name, brand or author begin a word with: a text
 * search finds products with any of the words, and those matching all of them ("Lumetra laptop")
 * come first.
 */
const matchedWords = (search: string): Document => ({
  $add: searchPrefixes(search).map((prefix) => ({
    $cond: [{ $regexMatch: { input: NAMED_AS, regex: `(^|[^a-z0-9])${escapeRegex(prefix)}`, options: 'i' } }, 1, 0],
  })),
})

/** The filters of every facet but `except` (all of them when it is undefined). */
function filtersBut(query: ListingQuery, except?: string): Document {
  const conditions: Document[] = []
  for (const [key, values] of Object.entries(query.filters))
    if (key !== except) conditions.push({ [`attributes.${key}`]: { $in: typedCandidates(values) } })
  if (except !== PRICE_FACET && query.priceBands.length) conditions.push(priceCondition(query.priceBands))
  return conditions.length ? { $and: conditions } : {}
}

/**
 * One aggregation answers a listing page: its items, the total and the counts of every facet.
 * The facets are disjunctive: a facet's counts ignore its own selection, so a shopper sees how many
 * products each further value would add.
 */
export function listingPipeline(scope: ListingScope, query: ListingQuery, facetKeys: readonly string[]): Document[] {
  const base: Document = { status: 'active' }
  if (scope.search !== undefined) base.$text = { $search: scope.search }
  if (scope.categoryIds) base.categoryIds = { $in: scope.categoryIds }
  const pipeline: Document[] = [{ $match: base }]
  if (scope.search !== undefined)
    pipeline.push({
      $addFields: {
        score: { $meta: 'textScore' },
        exactName: { $cond: [{ $eq: [{ $toLower: '$name' }, scope.search.trim().toLowerCase()] }, 1, 0] },
        matchedWords: matchedWords(scope.search),
      },
    })

  const all = filtersBut(query)
  const facetStages: Document = {
    items: [
      { $match: all },
      { $sort: SORT_STAGES[query.sort] },
      { $skip: (query.page - 1) * query.pageSize },
      { $limit: query.pageSize },
      { $project: SUMMARY_FIELDS },
    ],
    total: [{ $match: all }, { $count: 'count' }],
    [PRICE_FACET]: [
      { $match: filtersBut(query, PRICE_FACET) },
      { $group: { _id: priceBandOf('$price'), count: { $sum: 1 } } },
    ],
  }
  facetKeys.forEach((key, index) => {
    facetStages[`facet${index}`] = [
      { $match: filtersBut(query, key) },
      { $unwind: `$attributes.${key}` },
      { $group: { _id: `$attributes.${key}`, count: { $sum: 1 } } },
    ]
  })
  pipeline.push({ $facet: facetStages })
  return pipeline
}

/** Reads the single document the pipeline's `$facet` returns. */
export function readListing(output: Document | undefined, facetKeys: readonly string[]): ListingResult {
  const facets = new Map<string, Map<string, number>>()
  const countsOf = (rows: Document[] | undefined, label: (id: unknown) => string) =>
    new Map((rows ?? []).filter((row) => row._id !== null).map((row) => [label(row._id), row.count as number]))
  facetKeys.forEach((key, index) => facets.set(key, countsOf(output?.[`facet${index}`], String)))
  facets.set(
    PRICE_FACET,
    countsOf(output?.[PRICE_FACET], (lower) => priceBandLabel(lower as number)),
  )
  return {
    items: (output?.items as Document[] | undefined) ?? [],
    total: (output?.total as Document[] | undefined)?.[0]?.count ?? 0,
    facets,
  }
}
