import { createError, setResponseStatus, type H3Event } from 'h3'
import { invalidField } from '#kernel/http/problem'

/** Why a feature refused a request, with the field it is about when there is one. */
export interface Refusal {
  ok: false
  status: 400 | 404 | 409
  field?: string
  message: string
}

/** What a catalog feature answers: its result, or a refusal a slice turns into problem details. */
export type Outcome<T> = { ok: true; value: T } | Refusal

export const refuse = (status: Refusal['status'], message: string, field?: string): Refusal => ({
  ok: false,
  status,
  message,
  ...(field ? { field } : {}),
})

/** The result with the success status, or the refusal thrown as a problem (field errors like zod's). */
export function valueOrProblem<T>(event: H3Event, outcome: Outcome<T>, successStatus = 200): T {
  if (outcome.ok) {
    setResponseStatus(event, successStatus)
    return outcome.value
  }
  if (outcome.status === 400 && outcome.field) throw invalidField(outcome.field, outcome.message)
  throw createError({
    statusCode: outcome.status,
    message: outcome.message,
    data: outcome.field ? { errors: [{ field: outcome.field, message: outcome.message }] } : undefined,
  })
}
