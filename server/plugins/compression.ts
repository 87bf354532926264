import { getRequestHeader, getResponseHeader, removeResponseHeader, setResponseHeader, type H3Event } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { compress, MIN_COMPRESSED_BYTES, preferredEncoding } from '../http/compression'

const COMPRESSIBLE = /^(text\/html|application\/(problem\+)?json)\b/

/** The answer's body as bytes, when it is a page or JSON this plugin may compress. */
function bytesOf(event: H3Event, body: unknown): Buffer | undefined {
  if (typeof body === 'string') {
    const type = String(getResponseHeader(event, 'content-type') ?? '')
    return COMPRESSIBLE.test(type) ? Buffer.from(body) : undefined
  }
  // h3 serialises a plain object or array as JSON after this hook; it is done here instead.
  if (body && typeof body === 'object' && (Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype)) {
    setResponseHeader(event, 'content-type', 'application/json')
    return Buffer.from(JSON.stringify(body))
  }
  return undefined
}

/**
 * Rendered pages and API answers travel compressed when the browser takes it (brotli, else gzip).
 * Static assets are compressed at build time (nitro.compressPublicAssets) and cached pages are kept
 * gzipped (server/page-cache), so this only compresses what is made per request.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('beforeResponse', (event, response) => {
    // Nuxt renders an error page through an internal request and sends its text on itself.
    if (event.handled || event.path.startsWith('/__nuxt_error') || getResponseHeader(event, 'content-encoding')) return
    const bytes = bytesOf(event, response.body)
    if (!bytes || bytes.length < MIN_COMPRESSED_BYTES) return
    // Whether or not this answer is compressed, a cache must keep one copy per encoding.
    const vary = getResponseHeader(event, 'vary')
    setResponseHeader(event, 'vary', vary ? `${vary}, accept-encoding` : 'accept-encoding')
    const encoding = preferredEncoding(getRequestHeader(event, 'accept-encoding'))
    response.body = encoding ? compress(bytes, encoding) : bytes
    if (!encoding) return
    removeResponseHeader(event, 'content-length')
    setResponseHeader(event, 'content-encoding', encoding)
  })
})
