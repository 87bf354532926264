import { defineEventHandler, getRequestHeader, setResponseHeaders } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import { newNonce, pageContentSecurityPolicy } from '../http/security-headers'
import { loggerOf } from '../log/logger'
import { FRESH_MS, pageKey } from '../page-cache/page-cache'
import { pageStore, ruleFor } from '../page-cache/registry'
import { PAGE_CACHE_CONTROL, REVALIDATE_HEADER, revalidationToken } from '../page-cache/revalidation'

declare module 'h3' {
  interface H3EventContext {
    /** Set when the page may be kept for anonymous visitors once rendered. */
    pageCache?: { key: string; tags: string[] }
  }
}

const revalidating = new Set<string>()

/**
 * Serves anonymous visitors a page from the cache when a context registered it. A request with any
 * cookie is someone's own (a session, later a cart) and always renders. A page older than a minute
 * is served once more while a fresh copy renders in the background (stale-while-revalidate).
 */
export default defineEventHandler((event) => {
  if ((event.method !== 'GET' && event.method !== 'HEAD') || import.meta.dev) return
  if (event.path.startsWith('/api/') || event.path.startsWith('/_') || getRequestHeader(event, 'cookie')) return
  const queryAt = event.path.indexOf('?')
  const path = queryAt < 0 ? event.path : event.path.slice(0, queryAt)
  const rule = ruleFor(path)
  if (!rule) return
  const key = pageKey(path, queryAt < 0 ? '' : event.path.slice(queryAt + 1))
  event.context.pageCache = { key, tags: rule.tags(path) }
  if (getRequestHeader(event, REVALIDATE_HEADER) === revalidationToken) return
  const page = pageStore.get(key)
  if (!page) return
  if (Date.now() - page.storedAt > FRESH_MS && !revalidating.has(key)) {
    revalidating.add(key)
    useNitroApp()
      .localFetch(event.path, { headers: { accept: 'text/html', [REVALIDATE_HEADER]: revalidationToken } })
      .catch((error: unknown) => loggerOf(event).warn({ err: error, key }, 'a cached page could not be renewed'))
      .finally(() => revalidating.delete(key))
  }
  // Every answer gets a nonce of its own, as a freshly rendered page does.
  const nonce = newNonce()
  setResponseHeaders(event, {
    'content-type': 'text/html;charset=utf-8',
    'content-security-policy': pageContentSecurityPolicy(nonce),
    'cache-control': PAGE_CACHE_CONTROL,
    vary: 'cookie',
    'x-page-cache': 'hit',
  })
  return page.parts.join(nonce)
})
