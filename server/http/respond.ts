import { setResponseStatus, type H3Event } from 'h3'
import type { Result } from '../contracts/result'
import { refusalError } from './problem'

/** A feature's value, answered with the success status; its refusal is thrown and answered as problem+json. */
export function valueOrProblem<T>(event: H3Event, result: Result<T>, successStatus = 200): T {
  if (!result.ok) throw refusalError(result)
  setResponseStatus(event, successStatus)
  return result.value
}

/** 204 No Content once the feature has done its work; its refusal as problem+json. */
export function noContentOrProblem(event: H3Event, result: Result<void>): null {
  valueOrProblem(event, result, 204)
  return null
}
