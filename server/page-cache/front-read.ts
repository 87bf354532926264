import type { IncomingMessage } from 'node:http'
import { useNitroApp } from 'nitropack/runtime'
import type { FrontAnswer } from '../front-lane/front-lane'
import { preferredEncoding } from '../http/compression'
import { newNonce, pageContentSecurityPolicy } from '../http/security-headers'
import { rootLogger } from '../log/logger'
import { FRESH_MS, gzippedWithFreshNonce, pageKey, withFreshNonce } from './page-cache'
import { pageStore, ruleFor } from './registry'
import { PAGE_CACHE_CONTROL, REVALIDATE_HEADER, revalidationToken } from './revalidation'

const revalidating = new Set<string>()

/**
 * Serves a shared page from the cache, whoever asks (ADR 0012). A
 * page older than a minute is served once more while a fresh copy renders in the background
 * (stale-while-revalidate); that render comes back through here with the revalidation token.
 */
export function cachedPageRead(path: string, search: string, request: IncomingMessage): FrontAnswer | undefined {
  if (path.startsWith('/api/') || path.startsWith('/_') || !ruleFor(path)) return undefined
  if (request.headers[REVALIDATE_HEADER] === revalidationToken) return undefined
  const key = pageKey(path, search)
  const page = pageStore.get(key)
  if (!page) return undefined
  if (Date.now() - page.storedAt > FRESH_MS) revalidate(key, request.url ?? path)
  // Every answer gets a nonce of its own, as a freshly rendered page does. A browser that takes
  // gzip gets the page's kept gzip with the nonce spliced in: no compression per answer.
  const nonce = newNonce()
  const gzip = preferredEncoding(request.headers['accept-encoding'] as string | undefined, ['gzip']) === 'gzip'
  const headers = [
    'content-type',
    'text/html;charset=utf-8',
    'content-security-policy',
    pageContentSecurityPolicy(nonce),
    'cache-control',
    PAGE_CACHE_CONTROL,
    'vary',
    'accept-encoding',
    'x-page-cache',
    'hit',
  ]
  return gzip
    ? { headers: [...headers, 'content-encoding', 'gzip'], body: gzippedWithFreshNonce(page, nonce) }
    : { headers, body: withFreshNonce(page, nonce) }
}

function revalidate(key: string, url: string) {
  if (revalidating.has(key)) return
  revalidating.add(key)
  useNitroApp()
    .localFetch(url, { headers: { accept: 'text/html', [REVALIDATE_HEADER]: revalidationToken } })
    .catch((error: unknown) => rootLogger.warn({ err: error, key }, 'a cached page could not be renewed'))
    .finally(() => revalidating.delete(key))
}
