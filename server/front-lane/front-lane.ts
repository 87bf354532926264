import type { IncomingMessage, ServerResponse } from 'node:http'
import type { H3Event } from 'h3'
import { compress, MIN_COMPRESSED_BYTES, preferredEncoding } from '../http/compression'
import { requestIdFrom } from '../http/request-id'
import { logRequest } from '../log/access-log'
import { rootLogger } from '../log/logger'

/** A front read's answer: the body and the headers of its own, as a flat `[name, value, …]` list. */
export interface FrontAnswer {
  headers: readonly string[]
  body: string | Buffer
}

/**
 * Answers a GET from what this process already holds in memory, or returns undefined to leave the
 * request to the app. It runs before anything else for every such request under its prefix, so it
 * is synchronous and cheap, and it never loads anything.
 */
export type FrontRead = (path: string, search: string, request: IncomingMessage) => FrontAnswer | undefined

/**
 * Answers a GET of one exact path for whoever asks (their cart, their profile), with one Redis or
 * store round trip at most, or returns undefined to leave the request to the app: it answers only
 * the everyday 200 and leaves every refusal, and anything unusual, to the route (ADR 0013). It may
 * set headers on the event's response (a renewed session's cookies), never send it.
 */
export type PersonalRead = (event: H3Event) => Promise<FrontAnswer | undefined>

const reads: { prefix: string; read: FrontRead }[] = []
const personalReads = new Map<string, PersonalRead>()

/** A context's hot read joins the front lane (from its Nitro plugin); the kernel knows no context's URLs. */
export const registerFrontRead = (prefix: string, read: FrontRead) => void reads.push({ prefix, read })

/** A context's personal read of `path` joins the front lane; the route of the same path stays the reference. */
export const registerPersonalRead = (path: string, read: PersonalRead) => void personalReads.set(path, read)

const requestIdOf = (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id'] as string | undefined)

const PRIVATE_JSON = ['content-type', 'application/json', 'cache-control', 'private, no-store'] as const

/** One caller's JSON, as the routes answer it: no cache may keep it. */
export const privateJson = (value: unknown): FrontAnswer => ({ headers: PRIVATE_JSON, body: JSON.stringify(value) })

/**
 * The answer compressed as the app's own answers are (server/plugins/compression.ts), unless its
 * read already encoded it (a cached page comes gzipped) or it is too small to be worth it. Like the
 * app, an answer large enough to compress varies on Accept-Encoding whether or not it is compressed.
 */
function encoded(answer: FrontAnswer, acceptEncoding: string | undefined): FrontAnswer {
  if (answer.headers.includes('content-encoding')) return answer
  const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body
  if (bytes.length < MIN_COMPRESSED_BYTES) return answer
  const vary = answer.headers.indexOf('vary')
  const headers = [...answer.headers]
  if (vary >= 0) headers[vary + 1] = `${headers[vary + 1]}, accept-encoding`
  else headers.push('vary', 'accept-encoding')
  const encoding = preferredEncoding(acceptEncoding)
  return encoding
    ? { headers: [...headers, 'content-encoding', encoding], body: compress(bytes, encoding) }
    : { headers, body: bytes }
}

/** Sends a read's answer with what the app would have sent: request id, the path's security headers, an exact length, the access-log line. */
function send(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  startedAt: number,
  answer: FrontAnswer,
  securityHeaders: readonly string[],
  requestId = requestIdOf(request),
) {
  const { headers, body } = encoded(answer, request.headers['accept-encoding'])
  response.writeHead(200, [
    'x-request-id',
    requestId,
    ...securityHeaders,
    ...headers,
    'content-length',
    String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
  ])
  response.end(request.method === 'HEAD' ? undefined : body)
  logRequest({ requestId, method: request.method!, path, status: 200, startedAt })
}

/**
 * Answers the request in front of the app when a registered read has the answer, with what the app
 * would have sent, and says whether it did: at once for a memory read, as a promise for a personal
 * read. A memory read answers the same whatever the cookies (a shared page, a product's JSON:
 * ADR 0012), so a shopper with a session or a cart is answered here too. A personal read that
 * fails leaves the request to the app, which answers it (or its error) as it always does.
 */
export function answerInFront(
  request: IncomingMessage,
  response: ServerResponse,
  securityHeaders: (path: string) => readonly string[],
  event?: H3Event,
): boolean | Promise<boolean> {
  const { method } = request
  if (method !== 'GET' && method !== 'HEAD') return false
  const startedAt = performance.now()
  const url = request.url ?? '/'
  const queryAt = url.indexOf('?')
  const path = queryAt < 0 ? url : url.slice(0, queryAt)
  for (const { prefix, read } of reads) {
    if (!path.startsWith(prefix)) continue
    const answer = read(path, queryAt < 0 ? '' : url.slice(queryAt + 1), request)
    if (!answer) continue
    send(request, response, path, startedAt, answer, securityHeaders(path))
    return true
  }
  // A page rendering on the server asks its API through Nitro's in-process fetch, whose response
  // is not a socket's: the route answers those.
  const personal = event && !('__unenv__' in request) && personalReads.get(path)
  if (!personal) return false
  // What the read logs carries the id the answer will, as in the app (server/plugins/request-context.ts).
  const requestId = (event.context.requestId = requestIdOf(request))
  return personal(event).then(
    (answer) => {
      if (!answer) return false
      send(request, response, path, startedAt, answer, securityHeaders(path), requestId)
      return true
    },
    (error: unknown) => {
      rootLogger.warn({ err: error, path }, 'a personal read failed; the route answers')
      return false
    },
  )
}
