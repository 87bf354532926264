import { describe, expect, it } from 'vitest'
import { canonicalListingSearch, parseListingQuery, parsePriceBand, priceBandLabel } from './listing-query'

const facets = ['brand', 'size']

describe('listing query', () => {
  it('reads facet filters, ignoring keys the category does not offer', () => {
    const parsed = parseListingQuery({ brand: ['Voltra', 'Acme', 'Acme'], colour: 'red', utm_source: 'x' }, facets)
    expect(parsed).toEqual({
      ok: true,
      value: { filters: { brand: ['Acme', 'Voltra'] }, priceBands: [], sort: 'featured', page: 1, pageSize: 24 },
    })
  })

  it.each([
    [{ page: '0' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ page: '101' }, 'page'],
    [{ pageSize: '49' }, 'pageSize'],
    [{ sort: 'relevance' }, 'sort'],
    [{ price: '0-100' }, 'price'],
    [{ brand: Array.from({ length: 21 }, (_, i) => `b${i}`) }, 'brand'],
  ])('refuses %j', (raw, field) => {
    expect(parseListingQuery(raw, facets)).toMatchObject({ ok: false, status: 400, errors: [{ field }] })
  })

  it('allows relevance only where it is the default (search)', () => {
    expect(parseListingQuery({ sort: 'relevance' }, [], 'relevance')).toMatchObject({ ok: true })
  })

  it.each([0, 2_500, 100_000])('round-trips the price band starting at %i', (lower) => {
    expect(parsePriceBand(priceBandLabel(lower))?.min).toBe(lower)
  })

  it('gives one canonical query string for every permutation of the same choice', () => {
    const a = parseListingQuery({ size: ['M', 'L'], brand: 'Acme', price: ['5000-10000', '0-2500'] }, facets)
    const b = parseListingQuery({ price: ['0-2500', '5000-10000'], brand: 'Acme', size: ['L', 'M'] }, facets)
    if (!a.ok || !b.ok) throw new Error('both parse')
    expect(canonicalListingSearch(a.value)).toBe(canonicalListingSearch(b.value))
    expect(canonicalListingSearch(a.value)).toBe('?brand=Acme&size=L&size=M&price=0-2500&price=5000-10000')
  })
})
