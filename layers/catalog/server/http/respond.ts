import { createError, setResponseHeaders, type H3Event } from 'h3'
import type { Result } from '#kernel/contracts/result'
import { valueOrProblem } from '#kernel/http/respond'
import type { ProductPageDto } from '../../contracts'

// Catalog reads are public and the same for everyone: a CDN may keep them a minute and serve a
// stale copy while it fetches the next.
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'

/** JSON text that is already serialised (a cache hit), sent without parsing it again. */
export function sendJsonText(event: H3Event, json: string): string {
  setResponseHeaders(event, { 'content-type': 'application/json; charset=utf-8', 'cache-control': PUBLIC_CACHE })
  return json
}

export const notFound = (what: string) => createError({ statusCode: 404, message: `${what} was not found.` })

/** A listing page, public and cacheable; a refused query as its problem. */
export function pageOrProblem<Page extends ProductPageDto>(event: H3Event, listing: Result<Page>): Page {
  const page = valueOrProblem(event, listing)
  setResponseHeaders(event, { 'cache-control': PUBLIC_CACHE })
  return page
}
