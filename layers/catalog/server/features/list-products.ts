import { ObjectId } from 'mongodb'
import { invalid, refuse, success, type Result } from '#kernel/contracts/result'
import { CONTROL_CHARACTERS, hasControlCharacters } from '#kernel/contracts/characters'
import { MAX_SEARCH_LENGTH, PRICE_FACET, type FacetDto, type ProductPageDto, type SearchPageDto } from '../../contracts'
import { compareFacetValues } from '../domain/facet-order'
import { canonicalListingSearch, parseListingQuery, type ListingQuery, type Sort } from '../domain/listing-query'
import { listingPipeline, readListing, type ListingScope } from '../mongo/product-listing'
import { summaryOf } from '../mongo/views'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'
import { searchSpeller } from './search-speller'

/** A category's products (its whole subtree), filtered, sorted and paged, with facet counts. */
export async function listCategory(
  catalog: Catalog,
  slug: string,
  raw: Record<string, unknown>,
): Promise<Result<ProductPageDto>> {
  const categories = await categoryIndex(catalog)
  const category = categories.find(slug)
  if (!category) return refuse(404, 'The category was not found.')
  const ids = categories.subtreeIds(slug)!.map((id) => new ObjectId(id))
  return listing(catalog, `category:${slug}`, { categoryIds: ids }, raw, category.facets, 'featured')
}

/** The whole catalog, filtered by price, sorted and paged: what API users get without a category. */
export const listAll = (catalog: Catalog, raw: Record<string, unknown>): Promise<Result<ProductPageDto>> =>
  listing(catalog, 'all', {}, raw, [], 'featured')

/**
 * Products matching a search, best first: an exact name, then those matching all the words, then
 * MongoDB's text relevance. A word the catalog does not know is searched as its nearest known word.
 */
export async function searchProducts(
  catalog: Catalog,
  q: unknown,
  raw: Record<string, unknown>,
): Promise<Result<SearchPageDto>> {
  const words = typeof q === 'string' ? q.trim() : ''
  if (!words) return invalid('q', 'is required')
  if (words.length > MAX_SEARCH_LENGTH) return invalid('q', `at most ${MAX_SEARCH_LENGTH} characters`)
  if (hasControlCharacters(words)) return invalid('q', CONTROL_CHARACTERS)
  const corrected = (await searchSpeller(catalog)).correct(words)
  const search = corrected ?? words
  const page = await listing(catalog, `search:${search}`, { search }, raw, [], 'relevance')
  if (!page.ok) return page
  return success({ ...page.value, query: search, ...(corrected === undefined ? {} : { correctedFrom: words }) })
}

async function listing(
  catalog: Catalog,
  scopeKey: string,
  scope: ListingScope,
  raw: Record<string, unknown>,
  facetKeys: readonly string[],
  defaultSort: Sort,
): Promise<Result<ProductPageDto>> {
  const parsed = parseListingQuery(raw, facetKeys, defaultSort)
  if (!parsed.ok) return parsed
  const query = parsed.value
  const key = `${scopeKey}${canonicalListingSearch(query, defaultSort)}`
  let page = catalog.listings.get(key)
  if (!page) {
    const [output] = await catalog.collections.products.aggregate(listingPipeline(scope, query, facetKeys)).toArray()
    const result = readListing(output, facetKeys)
    page = {
      items: result.items.map(summaryOf),
      total: result.total,
      page: query.page,
      pageSize: query.pageSize,
      facets: [...facetKeys, PRICE_FACET].map((key) => facetOf(key, result.facets.get(key), query)),
    }
    catalog.listings.set(key, page)
  }
  return success(page)
}

function facetOf(key: string, counts: Map<string, number> | undefined, query: ListingQuery): FacetDto {
  const selected = new Set(
    key === PRICE_FACET ? query.priceBands.map((band) => `${band.min}-${band.max ?? ''}`) : query.filters[key],
  )
  const values = [...(counts ?? new Map<string, number>())].map(([value, count]) => ({
    value,
    count,
    selected: selected.has(value),
  }))
  // A chosen value stays visible even when nothing matches it any more.
  for (const value of selected) if (!counts?.has(value)) values.push({ value, count: 0, selected: true })
  values.sort(
    key === PRICE_FACET
      ? (a, b) => parseInt(a.value) - parseInt(b.value)
      : (a, b) => compareFacetValues(a.value, b.value),
  )
  return { key, values }
}
