import { LRUCache } from 'lru-cache'
import { gzipFromTemplate, gzipTemplate, type GzipTemplate } from '../http/compression'

/** A server-rendered page kept for anonymous visitors, as bytes, with where its CSP nonce was. */
export interface CachedPage {
  /** The page as rendered; each answer is a copy with a nonce of its own at `nonceOffsets`. */
  html: Buffer
  nonceOffsets: number[]
  /** The page kept gzipped but for its nonces, for browsers that take gzip. */
  gzip: GzipTemplate
  storedAt: number
  tags: string[]
}

/** Keeps a rendered page: its bytes and where its nonce is (every nonce has the same length). */
export function cachedPage(html: string, nonce: string, tags: string[], storedAt = Date.now()): CachedPage {
  const bytes = Buffer.from(html)
  const nonceOffsets: number[] = []
  for (let at = bytes.indexOf(nonce); at >= 0; at = bytes.indexOf(nonce, at + nonce.length)) nonceOffsets.push(at)
  return { html: bytes, nonceOffsets, gzip: gzipTemplate(bytes, nonceOffsets, nonce.length), storedAt, tags }
}

/**
 * The page with this answer's nonce: a copy of its bytes with the nonce written over the rendered
 * one (ASCII, as long), so nothing is encoded again per answer.
 */
export function withFreshNonce(page: CachedPage, nonce: string): Buffer {
  const body = Buffer.allocUnsafe(page.html.length)
  page.html.copy(body)
  for (const at of page.nonceOffsets) body.write(nonce, at, 'latin1')
  return body
}

/** The same answer as `withFreshNonce`, gzipped, from the page's compressed template. */
export const gzippedWithFreshNonce = (page: CachedPage, nonce: string): Buffer => gzipFromTemplate(page.gzip, nonce)

/** Which pages a context lets the cache keep, and the tags that purge them. */
export interface CachedPageRule {
  matches(path: string): boolean
  tags(path: string): string[]
}

/** Purging this tag empties the cache. */
export const ALL_PAGES = '*'

// Fresh for a minute; then served once more while a new copy renders in the background, for up to
// ten minutes. A purge drops a page at once, so the minute only bounds a purge that got lost.
export const FRESH_MS = 60_000
export const STALE_MS = 600_000

// Query parameters that only say where a visitor came from: they never change a page.
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|msclkid)$/

/** One key per page whatever the order of its query parameters. */
export function pageKey(path: string, search: string): string {
  if (!search) return path
  const params = new URLSearchParams(search)
  for (const name of [...params.keys()]) if (TRACKING.test(name)) params.delete(name)
  params.sort()
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

export function createPageStore(maxBytes = 64 * 1024 * 1024) {
  const pages = new LRUCache<string, CachedPage>({
    maxSize: maxBytes,
    sizeCalculation: (page) =>
      page.html.length +
      page.gzip.parts.reduce((size, part) => size + part.length, 0) +
      page.nonceOffsets.length * 8 +
      64,
    ttl: FRESH_MS + STALE_MS,
  })
  return {
    get: (key: string) => pages.get(key),
    set: (key: string, page: CachedPage) => void pages.set(key, page),
    /** Drops every page carrying one of the tags. */
    purge(tags: string[]) {
      if (tags.includes(ALL_PAGES)) return pages.clear()
      for (const [key, page] of pages.entries()) if (page.tags.some((tag) => tags.includes(tag))) pages.delete(key)
    },
  }
}

export type PageStore = ReturnType<typeof createPageStore>
