import { defineEventHandler } from 'h3'
import { pageKey } from '../page-cache/page-cache'
import { ruleFor } from '../page-cache/registry'

declare module 'h3' {
  interface H3EventContext {
    /** Set when the page may be kept once rendered (it is the same for everyone). */
    pageCache?: { key: string; tags: string[] }
  }
}

/**
 * Marks a page that a context lets the cache keep, so the page cache's plugin stores it once
 * rendered. Cached copies are served by the front lane (server/page-cache/front-read.ts), before
 * this runs. Such a page is the same whatever the cookies (ADR 0012): it renders for nobody.
 */
export default defineEventHandler((event) => {
  if ((event.method !== 'GET' && event.method !== 'HEAD') || import.meta.dev) return
  if (event.path.startsWith('/api/') || event.path.startsWith('/_')) return
  const queryAt = event.path.indexOf('?')
  const path = queryAt < 0 ? event.path : event.path.slice(0, queryAt)
  const rule = ruleFor(path)
  if (rule)
    event.context.pageCache = {
      key: pageKey(path, queryAt < 0 ? '' : event.path.slice(queryAt + 1)),
      tags: rule.tags(path),
    }
})
