import { getRequestHeader, getRequestURL, send, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { loggerOf } from '../log/logger'
import { isFormContentType } from './body-rules'
import { PROBLEM_CONTENT_TYPE, problemFromError, retryAfterOf, type ProblemDetails } from './problem'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

// A browser's form post that no route takes as a form is one the page meant to send with JavaScript.
const NEEDS_SCRIPT = 'This form needs JavaScript. Turn it on in your browser, then go back and try again.'

/**
 * A problem as a page, for a person who posted an HTML form (JavaScript off, or not loaded yet):
 * what went wrong in plain words and a way back, instead of JSON they cannot act on.
 */
function problemPage(problem: ProblemDetails, back: string): string {
  const detail = problem.status === 415 ? NEEDS_SCRIPT : (problem.detail ?? problem.title)
  return `<!doctype html><html lang="en-IE"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(problem.title)}</title></head><body><main><h1>${escapeHtml(problem.title)}</h1><p>${escapeHtml(detail)}</p><p><a href="${escapeHtml(back)}">Go back</a></p></main></body></html>`
}

/** The page the form was on, when the browser says and it is on this site; the home page otherwise. */
function pageOfForm(event: H3Event): string {
  const referer = getRequestHeader(event, 'referer')
  if (!referer) return '/'
  try {
    const url = new URL(referer)
    return url.host === getRequestURL(event).host ? `${url.pathname}${url.search}` : '/'
  } catch {
    return '/'
  }
}

const isBrowserFormPost = (event: H3Event) =>
  isFormContentType(getRequestHeader(event, 'content-type')) &&
  Boolean(getRequestHeader(event, 'accept')?.includes('text/html'))

/**
 * Answers an error as RFC 9457 problem+json (or, for a browser's form post, as a plain page),
 * logging 5xx with their cause and 4xx at debug level.
 */
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
  setResponseHeader(event, 'cache-control', 'no-store')
  const retryAfter = retryAfterOf(error)
  if (retryAfter !== undefined) setResponseHeader(event, 'retry-after', retryAfter)
  if (isBrowserFormPost(event)) {
    setResponseHeader(event, 'content-type', 'text/html; charset=utf-8')
    return send(event, problemPage(problem, pageOfForm(event)))
  }
  setResponseHeader(event, 'content-type', PROBLEM_CONTENT_TYPE)
  await send(event, JSON.stringify(problem))
}
