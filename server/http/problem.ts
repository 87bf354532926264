import { createError, isError as isH3Error } from 'h3'
import { ZodError } from 'zod'
import { INVALID_REQUEST, invalid, type FieldError, type Refusal } from '../contracts/result'

export type { FieldError }

/** RFC 9457 problem details, with `requestId` and optional `errors` as extension members. */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  requestId?: string
  errors?: FieldError[]
  /** A stable reason a program can act on, where the status alone does not tell. */
  code?: string
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export const fieldErrorsOf = (error: ZodError): FieldError[] =>
  error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }))

/**
 * A feature's refusal as the error a slice throws: problem+json with its status, its detail, its
 * field errors, and `Retry-After` when it has one (sendProblem adds the header).
 */
export const refusalError = ({ status, detail, errors, code, retryAfterSeconds }: Refusal) =>
  createError({ statusCode: status, message: detail, data: { errors, code, retryAfterSeconds } })

/** A 400 for one field the schema could not judge (it needed the database), shaped like zod's. */
export const invalidField = (field: string, message: string) => refusalError(invalid(field, message))

/** A 429 (or 503) that tells the client when to come back; sendProblem adds the `Retry-After` header. */
export const retryLater = (status: 429 | 503, retryAfterSeconds: number, message: string) =>
  createError({ statusCode: status, message, data: { retryAfterSeconds } })

/** Seconds a client should wait, when the error says so. */
export const retryAfterOf = (error: unknown): number | undefined => {
  const data = isH3Error(error) ? (error.data as { retryAfterSeconds?: unknown } | undefined) : undefined
  return typeof data?.retryAfterSeconds === 'number' ? data.retryAfterSeconds : undefined
}

/**
 * Maps any thrown value to problem details. Only errors created on purpose (h3 errors, zod
 * validation) reveal their message; anything else is a 500 whose detail stays in the logs.
 */
export function problemFromError(error: unknown): ProblemDetails {
  const cause = isH3Error(error) ? error.cause : undefined
  const zodError = error instanceof ZodError ? error : cause instanceof ZodError ? cause : undefined
  if (zodError) {
    return {
      type: 'about:blank',
      title: titles[400]!,
      status: 400,
      detail: INVALID_REQUEST,
      errors: fieldErrorsOf(zodError),
    }
  }
  if (isH3Error(error) && error.statusCode < 500) {
    const status = error.statusCode
    const data = error.data as { errors?: FieldError[]; type?: string; code?: string } | undefined
    return {
      type: data?.type ?? 'about:blank',
      title: titles[status] ?? error.statusMessage ?? 'Error',
      status,
      detail: error.message || error.statusMessage,
      ...(data?.errors ? { errors: data.errors } : {}),
      ...(data?.code ? { code: data.code } : {}),
    }
  }
  const status = isH3Error(error) ? error.statusCode : 500
  return {
    type: 'about:blank',
    title: titles[status] ?? 'Internal Server Error',
    status,
    detail: status === 503 ? 'A service the shop depends on is unavailable.' : 'Something went wrong on our side.',
  }
}
