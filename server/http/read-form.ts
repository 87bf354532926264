import { getHeader, type H3Event } from 'h3'
import type { z } from 'zod'
import { INVALID_REQUEST, refuse, success, type Refusal, type Result } from '../contracts/result'
import { settings } from '../config/runtime'
import { assertDeclaredLengthWithin, isFormContentType, readLimited } from './body-rules'
import { fieldErrorsOf } from './problem'

/** Whether this request is an HTML form's post (a page submitted before or without JavaScript). */
export const isFormPost = (event: H3Event) => isFormContentType(getHeader(event, 'content-type'))

/**
 * An HTML form's fields, validated by the same kind of schema a JSON body is. A form post is
 * answered by a redirect, not by problem+json, so an invalid one is a refusal to redirect with
 * rather than a thrown 400. A field sent twice keeps its first value.
 */
export async function readForm<S extends z.ZodType>(
  event: H3Event,
  schema: S,
  limit = settings().maxBodyBytes,
): Promise<Result<z.output<S>>> {
  assertDeclaredLengthWithin(getHeader(event, 'content-length'), limit)
  const raw = (await readLimited(event.node.req, limit)).toString('utf8')
  const fields: Record<string, string> = {}
  for (const [name, value] of new URLSearchParams(raw)) fields[name] ??= value
  const parsed = schema.safeParse(fields)
  return parsed.success ? success(parsed.data) : refuse(400, INVALID_REQUEST, { errors: fieldErrorsOf(parsed.error) })
}

/**
 * Why a form post was refused, as a code its page turns into a sentence: the URL never carries
 * what was typed, and the page never shows text from the URL.
 */
export function formFailureCode(refusal: Refusal): string {
  if (refusal.code) return refusal.code
  const field = refusal.errors?.[0]?.field
  return refusal.status === 400 && field ? `invalid-${field}` : 'failed'
}
