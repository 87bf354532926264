import type { ProductPageDto } from '../contracts'
import type { CatalogPageReader, ListingOutcome } from '../server/http/page-reader'
import { readError } from './readError'
import { useCatalogRead } from './useCatalogRead'

export type ListingRefusal = Exclude<ListingOutcome, { ok: true }>

/** An HTTP status from whatever a failed `$fetch` threw. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown }
  const code = statusCode ?? status
  return typeof code === 'number' ? code : undefined
}

// The API answers a refused listing with problem+json; reading it back into the server reader's
// outcome lets a page handle both the same way.
function outcomeOfProblem(error: unknown): ListingOutcome {
  const status = statusOf(error)
  if (status === 404) return { ok: false, reason: 'unknown-category' }
  if (status !== 400) throw error
  const data = (error as { data?: { errors?: { field?: unknown; message?: unknown }[] } }).data
  const first = data?.errors?.[0]
  return {
    ok: false,
    reason: 'invalid',
    field: typeof first?.field === 'string' ? first.field : 'query',
    message: typeof first?.message === 'string' ? first.message : 'is not valid',
  }
}

/** A listing (category or search) read as a ListingOutcome on both sides. */
export function useCatalogListing(
  key: () => string,
  onServer: (reader: CatalogPageReader) => Promise<ListingOutcome | null>,
  url: string,
  query: () => Record<string, unknown> | null,
) {
  return useCatalogRead(key, onServer, () => {
    const params = query()
    if (!params) return Promise.resolve(null)
    return $fetch<ProductPageDto>(url, { query: params }).then(
      (page): ListingOutcome => ({ ok: true, page }),
      outcomeOfProblem,
    )
  })
}

/**
 * The error a refused listing deserves. `fatal`, so a server render answers with the status itself:
 * a crawler must see a 404 for a removed category, not a 200 page that says so.
 */
export function listingError(refusal: ListingRefusal) {
  if (refusal.reason === 'unknown-category')
    return createError({ statusCode: 404, statusMessage: 'Category not found', fatal: true })
  return createError({
    statusCode: 400,
    statusMessage: 'Invalid listing query',
    message: `${refusal.field} ${refusal.message}`,
    fatal: true,
  })
}

/** What stops a listing page from rendering, if anything: a failed read first, then a refused query. */
export function listingFailure(
  outcome: ListingOutcome | null | undefined,
  error: { statusCode?: number } | null | undefined,
) {
  return readError(error) ?? (outcome && !outcome.ok ? listingError(outcome) : undefined)
}

export const productCount = (total: number) => `${total} ${total === 1 ? 'product' : 'products'}`
