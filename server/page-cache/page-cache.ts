import { LRUCache } from 'lru-cache'

/** A server-rendered page kept for anonymous visitors, cut where its CSP nonce was. */
export interface CachedPage {
  /** The page is `parts.join(nonce)`: each answer puts in a nonce of its own. */
  parts: string[]
  storedAt: number
  tags: string[]
}

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
    sizeCalculation: (page) => page.parts.reduce((size, part) => size + part.length * 2 + 16, 64),
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
