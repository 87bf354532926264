import { createError, setResponseHeaders, setResponseStatus, type H3Event } from 'h3'
import { invalidField } from '../../../../server/http/problem'
import type { WriteOutcome } from '../features/create-product'
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

/** An admin write's outcome: the product, or the problem with the field it is about. */
export function writtenOrProblem(event: H3Event, outcome: WriteOutcome, successStatus = 200) {
  if (outcome.ok) {
    setResponseStatus(event, successStatus)
    return outcome.product
  }
  if (outcome.status === 400 && outcome.field) throw invalidField(outcome.field, outcome.message)
  throw createError({
    statusCode: outcome.status,
    message: outcome.message,
    data: outcome.field ? { errors: [{ field: outcome.field, message: outcome.message }] } : undefined,
  })
}
