import { getRequestHeader, type H3Event } from 'h3'
import { compress, MIN_COMPRESSED_BYTES, preferredEncoding } from './compression'

/**
 * Compresses the error page (a 404) Nuxt's error handler is about to send. That handler renders
 * the page through an internal request and ends the response itself, past the `beforeResponse`
 * hook that compresses every other page, so the HTML is taken where the response ends.
 */
export function compressErrorPage(event: H3Event): void {
  const encoding = preferredEncoding(getRequestHeader(event, 'accept-encoding'))
  if (!encoding) return
  const response = event.node.res
  const end = response.end.bind(response) as (...args: unknown[]) => typeof response
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const html = /^text\/html/.test(String(response.getHeader('content-type') ?? ''))
    if (!html || response.headersSent || response.getHeader('content-encoding')) return end(chunk, ...rest)
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk)) return end(chunk, ...rest)
    const bytes = Buffer.from(chunk)
    if (bytes.length < MIN_COMPRESSED_BYTES) return end(chunk, ...rest)
    response.removeHeader('content-length')
    response.setHeader('content-encoding', encoding)
    const vary = response.getHeader('vary')
    response.setHeader('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding')
    return end(compress(bytes, encoding), ...rest.filter((argument) => typeof argument === 'function'))
  }) as typeof response.end
}
