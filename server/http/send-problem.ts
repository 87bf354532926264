import { getRequestURL, send, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { loggerOf } from '../log/logger'
import { PROBLEM_CONTENT_TYPE, problemFromError, retryAfterOf } from './problem'

/** Answers an error as RFC 9457 problem+json, logging 5xx with their cause and 4xx at debug level. */
export async function sendProblem(event: H3Event, error: unknown): Promise<void> {
  const problem = {
    ...problemFromError(error),
    instance: getRequestURL(event).pathname,
    requestId: event.context.requestId,
  }
  const log = loggerOf(event)
  if (problem.status >= 500) log.error({ err: error }, 'request failed')
  else log.debug({ status: problem.status, detail: problem.detail }, 'request rejected')

  setResponseStatus(event, problem.status)
  setResponseHeader(event, 'content-type', PROBLEM_CONTENT_TYPE)
  setResponseHeader(event, 'cache-control', 'no-store')
  const retryAfter = retryAfterOf(error)
  if (retryAfter !== undefined) setResponseHeader(event, 'retry-after', retryAfter)
  await send(event, JSON.stringify(problem))
}
