import { createError, setResponseHeaders, type H3Event } from 'h3'
import { invalidField } from '#kernel/http/problem'
import type { ListingOutcome } from '../features/list-products'

// Catalog reads are public and the same for everyone: a CDN may keep them a minute and serve a
// stale copy while it fetches the next.
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'

/** JSON text that is already serialised (a cache hit), sent without parsing it again. */
export function sendJsonText(event: H3Event, json: string): string {
  setResponseHeaders(event, { 'content-type': 'application/json; charset=utf-8', 'cache-control': PUBLIC_CACHE })
  return json
}

export const notFound = (what: string) => createError({ statusCode: 404, message: `${what} was not found.` })

export function pageOrProblem(event: H3Event, outcome: ListingOutcome) {
  if (outcome.ok) {
    setResponseHeaders(event, { 'cache-control': PUBLIC_CACHE })
    return outcome.page
  }
  if (outcome.reason === 'unknown-category') throw notFound('The category')
  throw invalidField(outcome.field, outcome.message)
}
