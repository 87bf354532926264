/**
 * What every feature answers: its value, or a refusal that says why, in terms a slice turns into
 * problem+json and a page into a message. Features never import h3; a refusal is a value, and
 * only what nobody foresaw (a database that went away) is thrown. This file imports nothing, so
 * contracts, domain code and the browser may all use it.
 */

/** One entry per invalid field, so clients can show the message next to the input. */
export interface FieldError {
  /** The input's path, dotted as zod writes it (`items.0.quantity`). */
  field: string
  message: string
}

/** The statuses a feature refuses with. A 5xx is never a refusal: it is a failure, and it is thrown. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429

export interface Refusal {
  readonly ok: false
  readonly status: RefusalStatus
  /** One sentence for the person who asked: "This link is invalid, used or expired." */
  readonly detail: string
  readonly errors?: readonly FieldError[]
  /** A stable reason a program can act on (`oauth-state`), where the status alone does not tell. */
  readonly code?: string
  /** When trying again makes sense (a rate limit), in seconds: slices send it as `Retry-After`. */
  readonly retryAfterSeconds?: number
}

export interface Success<T> {
  readonly ok: true
  readonly value: T
}

export type Result<T> = Success<T> | Refusal

export const success = <T>(value: T): Success<T> => ({ ok: true, value })

/** `success()` for a feature whose success carries nothing. */
export const done: Success<void> = { ok: true, value: undefined }

export const refuse = (
  status: RefusalStatus,
  detail: string,
  extra: Pick<Refusal, 'errors' | 'code' | 'retryAfterSeconds'> = {},
): Refusal => ({ ok: false, status, detail, ...extra })

export const INVALID_REQUEST = 'The request is invalid.'

/** A 400 about one field, shaped like the field errors zod gives. */
export const invalid = (field: string, message: string): Refusal =>
  refuse(400, INVALID_REQUEST, { errors: [{ field, message }] })

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false

const REFUSAL_STATUSES = new Set<number>([400, 401, 403, 404, 409, 410, 413, 415, 422, 429])

/**
 * A problem+json body read back into the refusal it came from (the browser's side of a slice), or
 * undefined when the body is not a problem a feature would give.
 */
export function refusalFromProblem(body: unknown): Refusal | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const { status, detail, errors, code } = body as {
    status?: unknown
    detail?: unknown
    errors?: unknown
    code?: unknown
  }
  if (typeof status !== 'number' || !REFUSAL_STATUSES.has(status)) return undefined
  const fieldErrors = Array.isArray(errors)
    ? errors.filter(
        (error): error is FieldError =>
          typeof error?.field === 'string' && typeof (error as { message?: unknown }).message === 'string',
      )
    : undefined
  return refuse(status as RefusalStatus, typeof detail === 'string' ? detail : '', {
    ...(fieldErrors?.length ? { errors: fieldErrors } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  })
}
