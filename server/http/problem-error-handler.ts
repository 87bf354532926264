import { getRequestURL, send, setResponseHeader, setResponseStatus } from 'h3'
import { defineNitroErrorHandler } from 'nitropack/runtime'
import { loggerOf } from '../log/logger'
import { PROBLEM_CONTENT_TYPE, problemFromError } from './problem'

/**
 * Nitro error handler for `/api/*`: answers RFC 9457 problem+json. Other paths fall through to
 * Nuxt's handler, which renders error.vue with the same status.
 */
export default defineNitroErrorHandler(async (error, event) => {
  const url = getRequestURL(event)
  if (!url.pathname.startsWith('/api/')) return

  const problem = { ...problemFromError(error), instance: url.pathname, requestId: event.context.requestId }
  const log = loggerOf(event)
  if (problem.status >= 500) log.error({ err: error }, 'request failed')
  else log.debug({ status: problem.status, detail: problem.detail }, 'request rejected')

  setResponseStatus(event, problem.status)
  setResponseHeader(event, 'content-type', PROBLEM_CONTENT_TYPE)
  setResponseHeader(event, 'cache-control', 'no-store')
  await send(event, JSON.stringify(problem))
})
