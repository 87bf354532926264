import { invalid, success, type Result } from '#kernel/contracts/result'
import { CONTROL_CHARACTERS, hasControlCharacters } from '#kernel/contracts/characters'
import { MAX_PAGE, PRICE_FACET, SORTS, type ListingSort } from '../../contracts'

/**
 * What a shopper asked a listing for, once read from the query string: filters by facet, a sort
 * and a page. Unknown keys (utm_source, a stale bookmark's facet) are ignored rather than refused,
 * since these URLs are typed, shared and crawled.
 */
export type Sort = ListingSort | 'relevance'

export const PAGE_SIZE = 24
export const MAX_PAGE_SIZE = 48
export const MAX_VALUES_PER_FACET = 20

/** Price bands in minor units: the price facet's values are `lower-upper` ("2500-5000"), the last `lower-`. */
export const PRICE_BANDS = [0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000] as const

export interface PriceBand {
  min: number
  /** Exclusive; none for the last band. */
  max?: number
}

export interface ListingQuery {
  /** Facet key → chosen values (any of them matches: values of one facet are alternatives). */
  filters: Record<string, string[]>
  priceBands: PriceBand[]
  sort: Sort
  page: number
  pageSize: number
}

export const priceBandLabel = (lower: number) => {
  const index = PRICE_BANDS.indexOf(lower as (typeof PRICE_BANDS)[number])
  const upper = PRICE_BANDS[index + 1]
  return upper === undefined ? `${lower}-` : `${lower}-${upper}`
}

export function parsePriceBand(label: string): PriceBand | undefined {
  const match = /^(\d+)-(\d*)$/.exec(label)
  if (!match) return undefined
  const min = Number(match[1])
  const index = PRICE_BANDS.indexOf(min as (typeof PRICE_BANDS)[number])
  if (index < 0) return undefined
  const upper = PRICE_BANDS[index + 1]
  if ((upper === undefined ? '' : String(upper)) !== match[2]) return undefined
  return upper === undefined ? { min } : { min, max: upper }
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string')

const whole = (value: unknown, fallback: number, max: number): number | undefined => {
  if (value === undefined || value === '') return fallback
  const number = Number(value)
  return Number.isInteger(number) && number >= 1 && number <= max ? number : undefined
}

/** Reads a listing's query string against the facets its category offers. */
export function parseListingQuery(
  raw: Record<string, unknown>,
  facets: readonly string[],
  defaultSort: Sort = 'featured',
): Result<ListingQuery> {
  const page = whole(raw.page, 1, MAX_PAGE)
  if (page === undefined) return invalid('page', `must be a whole number from 1 to ${MAX_PAGE}`)
  const pageSize = whole(raw.pageSize, PAGE_SIZE, MAX_PAGE_SIZE)
  if (pageSize === undefined) return invalid('pageSize', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
  const sort = raw.sort === undefined || raw.sort === '' ? defaultSort : raw.sort
  const sorts: readonly string[] = defaultSort === 'relevance' ? [...SORTS, 'relevance'] : SORTS
  if (typeof sort !== 'string' || !sorts.includes(sort)) return invalid('sort', `must be one of ${sorts.join(', ')}`)

  const filters: Record<string, string[]> = {}
  for (const key of facets) {
    const values = [...new Set(asList(raw[key]).map((value) => value.trim()))].filter(Boolean)
    if (values.length > MAX_VALUES_PER_FACET) return invalid(key, `at most ${MAX_VALUES_PER_FACET} values`)
    if (values.some((value) => value.length > 100)) return invalid(key, 'values are too long')
    if (values.some(hasControlCharacters)) return invalid(key, CONTROL_CHARACTERS)
    if (values.length) filters[key] = values.sort()
  }
  const priceBands: PriceBand[] = []
  for (const label of asList(raw[PRICE_FACET])) {
    const band = parsePriceBand(label)
    if (!band) return invalid(PRICE_FACET, `"${label}" is not one of the price bands`)
    priceBands.push(band)
  }
  return success({ filters, priceBands, sort: sort as Sort, page, pageSize })
}

/**
 * The canonical query string of a listing: facet filters in a fixed order, sorted values, no
 * defaults. Every permutation of the same choice gives one URL.
 */
export function canonicalListingSearch(query: ListingQuery, defaultSort: Sort = 'featured'): string {
  const params = new URLSearchParams()
  for (const key of Object.keys(query.filters).sort())
    for (const value of query.filters[key]!) params.append(key, value)
  const bands = query.priceBands.map((band) => priceBandLabel(band.min)).sort()
  for (const band of bands) params.append(PRICE_FACET, band)
  if (query.sort !== defaultSort) params.set('sort', query.sort)
  if (query.page > 1) params.set('page', String(query.page))
  if (query.pageSize !== PAGE_SIZE) params.set('pageSize', String(query.pageSize))
  const search = params.toString()
  return search ? `?${search}` : ''
}
