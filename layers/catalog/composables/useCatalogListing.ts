import { refusalFromProblem, type Refusal, type Result } from '#kernel/contracts/result'
import type { ProductPageDto } from '../contracts'
import type { CatalogPageReader } from '../shared/page-reader'
import { readError } from './readError'
import { useCatalogRead } from './useCatalogRead'

/** An HTTP status from whatever a failed `$fetch` threw. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown }
  const code = statusCode ?? status
  return typeof code === 'number' ? code : undefined
}

// The API answers a refused listing with problem+json; reading it back into the refusal the
// server's reader gives lets a page handle both the same way. Anything else stays an error.
function refusalOfFailedFetch(error: unknown): Refusal {
  const refusal = refusalFromProblem((error as { data?: unknown }).data)
  if (!refusal) throw error
  return refusal
}

/** A listing (category or search) read as a Result on both sides. */
export function useCatalogListing<Page extends ProductPageDto>(
  key: () => string,
  onServer: (reader: CatalogPageReader) => Promise<Result<Page> | null>,
  url: string,
  query: () => Record<string, unknown> | null,
) {
  return useCatalogRead(key, onServer, () => {
    const params = query()
    if (!params) return Promise.resolve(null)
    // Untyped: Nitro's typed routes are too deep to compare against a generic page.
    return $fetch<unknown>(url, { query: params }).then(
      (page): Result<Page> => ({ ok: true, value: page as Page }),
      refusalOfFailedFetch,
    )
  })
}

/**
 * The error a refused listing deserves. `fatal`, so a server render answers with the status itself:
 * a crawler must see a 404 for a removed category, not a 200 page that says so.
 */
export function listingError(refusal: Refusal) {
  if (refusal.status === 404) return createError({ statusCode: 404, statusMessage: 'Category not found', fatal: true })
  const first = refusal.errors?.[0]
  return createError({
    statusCode: 400,
    statusMessage: 'Invalid listing query',
    message: first ? `${first.field} ${first.message}` : refusal.detail,
    fatal: true,
  })
}

/** What stops a listing page from rendering, if anything: a failed read first, then a refused query. */
export function listingFailure(
  listing: Result<ProductPageDto> | null | undefined,
  error: { statusCode?: number } | null | undefined,
) {
  return readError(error) ?? (listing && !listing.ok ? listingError(listing) : undefined)
}

export const productCount = (total: number) => `${total} ${total === 1 ? 'product' : 'products'}`
