import { createError, getHeader, type H3Event } from 'h3'
import type { z } from 'zod'
import { settings } from '../config/runtime'
import { assertDeclaredLengthWithin, assertJsonContentType, readLimited } from './body-rules'

/**
 * The one way a slice reads a JSON body: 415 for another content type, 413 past the size limit,
 * 400 for malformed JSON, 400 with field errors when the schema rejects it. Nothing is written
 * before this returns, so bad input never leaves a partial change behind.
 */
export async function readJson<S extends z.ZodType>(
  event: H3Event,
  schema: S,
  limit = settings().maxBodyBytes,
): Promise<z.output<S>> {
  assertJsonContentType(getHeader(event, 'content-type'))
  assertDeclaredLengthWithin(getHeader(event, 'content-length'), limit)
  const raw = await readLimited(event.node.req, limit)
  let body: unknown
  try {
    body = JSON.parse(raw.toString('utf8'))
  } catch {
    throw createError({ statusCode: 400, message: 'The request body is not valid JSON.' })
  }
  return schema.parse(body)
}
