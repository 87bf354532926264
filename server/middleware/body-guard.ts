import { defineEventHandler, getHeader } from 'h3'
import { settings } from '../config/runtime'
import {
  assertDeclaredLengthWithin,
  assertJsonContentType,
  isFormContentType,
  rawBodyLimitOf,
  takesForms,
} from '../http/body-rules'

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Rejects what no API route accepts before any route runs: bodies declared larger than the limit
 * (413) and non-JSON bodies sent to `/api/` (415), except to the few routes registered to take raw
 * bodies (an image upload), which get their own limit and check their own type, or HTML form posts
 * (sign-in without JavaScript). Routes read bodies through readJson, readForm or readLimited, which
 * also enforce the limit on bodies that declare no length.
 */
export default defineEventHandler((event) => {
  if (!METHODS_WITH_BODY.has(event.method) || !event.path.startsWith('/api/')) return
  const length = getHeader(event, 'content-length')
  const chunked = getHeader(event, 'transfer-encoding') !== undefined
  if (!chunked && (length === undefined || length === '0')) return
  const rawLimit = rawBodyLimitOf(event.path)
  assertDeclaredLengthWithin(length, rawLimit ?? settings().maxBodyBytes)
  if (rawLimit !== undefined) return
  const contentType = getHeader(event, 'content-type')
  if (!(isFormContentType(contentType) && takesForms(event.path))) assertJsonContentType(contentType)
})
