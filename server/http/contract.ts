import type { z } from 'zod'
import type { RefusalStatus } from '../contracts/result'

/** Who may call a slice: anyone, a signed-in user (a bearer token or the session cookies), an admin. */
export type Access = 'public' | 'signed-in' | 'admin'

/**
 * What a slice takes and answers, declared once beside its handler (`export const contract`):
 * the handler validates its input with these schemas, and `/api/openapi.json` describes the API
 * from the same ones, so the document cannot drift from the code. See docs/adr/0010-….
 */
export interface SliceContract {
  /** One line for the API reference: what the call does. */
  summary: string
  /** More, when one line does not say it: rules, limits, what a browser gets instead. */
  description?: string
  access: Access
  params?: z.ZodObject
  query?: z.ZodObject
  /** A JSON body; `form` when the slice also takes an HTML form's post (answered by a redirect). */
  body?: z.ZodType
  /** The body may be left out (refresh: a browser sends its cookie instead). */
  bodyOptional?: boolean
  form?: boolean
  /** Media types of a raw body (an image upload), instead of JSON. */
  upload?: readonly string[]
  /** The status of a success (200 unless named). */
  status?: 200 | 201 | 202 | 204 | 302 | 303
  /** The JSON body of a success, or null when it has none (204, a redirect). */
  response: z.ZodType | null
  /** Refusals its feature may answer besides the ones its input and access imply (400, 401, 403). */
  refusals?: readonly RefusalStatus[]
}

export const defineContract = <C extends SliceContract>(contract: C): C => contract
