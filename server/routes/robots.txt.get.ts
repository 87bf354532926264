import { defineEventHandler, setResponseHeaders } from 'h3'
import { settings } from '../config/runtime'

// Pages that are personal or transactional: nothing there for a search engine to index.
const PRIVATE_PATHS = ['/admin', '/account', '/checkout', '/cart', '/api/']

/** GET /robots.txt: crawl the catalog, not the private pages; where the sitemap is. */
export default defineEventHandler((event) => {
  setResponseHeaders(event, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' })
  const rules = PRIVATE_PATHS.map((path) => `Disallow: ${path}`).join('\n')
  return `User-agent: *\n${rules}\n\nSitemap: ${new URL('/sitemap.xml', settings().publicUrl).href}\n`
})
