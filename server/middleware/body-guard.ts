import { defineEventHandler, getHeader } from 'h3'
import { settings } from '../config/runtime'
import { assertDeclaredLengthWithin, assertJsonContentType } from '../http/body-rules'

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Rejects what no API route accepts before any route runs: bodies declared larger than the limit
 * (413) and non-JSON bodies sent to `/api/` (415). Routes read bodies through readJson, which
 * also enforces the limit on bodies that declare no length.
 */
export default defineEventHandler((event) => {
  if (!METHODS_WITH_BODY.has(event.method) || !event.path.startsWith('/api/')) return
  const length = getHeader(event, 'content-length')
  const chunked = getHeader(event, 'transfer-encoding') !== undefined
  if (!chunked && (length === undefined || length === '0')) return
  assertDeclaredLengthWithin(length, settings().maxBodyBytes)
  assertJsonContentType(getHeader(event, 'content-type'))
})
