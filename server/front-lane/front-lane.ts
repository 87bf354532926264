import type { IncomingMessage, ServerResponse } from 'node:http'
import { compress, MIN_COMPRESSED_BYTES, preferredEncoding } from '../http/compression'
import { requestIdFrom } from '../http/request-id'
import { logRequest } from '../log/access-log'

/** A front read's answer: the body and the headers of its own, as a flat `[name, value, …]` list. */
export interface FrontAnswer {
  headers: readonly string[]
  body: string | Buffer
}

/**
 * Answers an anonymous GET from what this process already holds in memory, or returns undefined to
 * leave the request to the app. It runs before anything else for every such request under its
 * prefix, so it is synchronous and cheap, and it never loads anything.
 */
export type FrontRead = (path: string, search: string, request: IncomingMessage) => FrontAnswer | undefined

const reads: { prefix: string; read: FrontRead }[] = []

/** A context's hot read joins the front lane (from its Nitro plugin); the kernel knows no context's URLs. */
export const registerFrontRead = (prefix: string, read: FrontRead) => void reads.push({ prefix, read })

/**
 * The answer compressed as the app's own answers are (server/plugins/compression.ts), unless its
 * read already encoded it (a cached page comes gzipped) or it is too small to be worth it.
 */
function encoded(answer: FrontAnswer, acceptEncoding: string | undefined): FrontAnswer {
  if (answer.headers.includes('content-encoding')) return answer
  const encoding = preferredEncoding(acceptEncoding)
  const bytes = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body
  if (!encoding || bytes.length < MIN_COMPRESSED_BYTES) return answer
  const vary = answer.headers.indexOf('vary')
  const headers = [...answer.headers]
  if (vary >= 0) headers[vary + 1] = `${headers[vary + 1]}, accept-encoding`
  else headers.push('vary', 'accept-encoding')
  return { headers: [...headers, 'content-encoding', encoding], body: compress(bytes, encoding) }
}

/**
 * Answers the request in front of the app when a registered read has the answer at hand, with what
 * the app would have sent (request id, the path's security headers, the read's headers), and says
 * whether it did. A registered read answers the same whatever the cookies (a shared page, a
 * product's JSON: ADR 0012), so a shopper with a session or a cart is answered here too.
 */
export function answerInFront(
  request: IncomingMessage,
  response: ServerResponse,
  securityHeaders: (path: string) => readonly string[],
): boolean {
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
    const requestId = requestIdFrom(request.headers['x-request-id'] as string | undefined)
    const { headers, body } = encoded(answer, request.headers['accept-encoding'])
    response.writeHead(200, [
      'x-request-id',
      requestId,
      ...securityHeaders(path),
      ...headers,
      'content-length',
      String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    ])
    response.end(method === 'HEAD' ? undefined : body)
    logRequest({ requestId, method, path, status: 200, startedAt })
    return true
  }
  return false
}
