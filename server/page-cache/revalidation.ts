import { randomBytes } from 'node:crypto'

/**
 * Marks this instance's own background re-render of a stale page, so it renders instead of
 * hitting the cache; outsiders cannot guess it.
 */
export const REVALIDATE_HEADER = 'x-page-cache-revalidate'
export const revalidationToken = randomBytes(16).toString('hex')

/**
 * For shared caches (a CDN): keep an anonymous page a minute and serve it stale while fetching the
 * next. Browsers revalidate each time, so a signed-in visitor never sees an anonymous copy.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600'
