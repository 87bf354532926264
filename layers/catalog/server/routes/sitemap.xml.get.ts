import { defineEventHandler, setResponseHeaders } from 'h3'
import { settings } from '#kernel/config/runtime'
import { useCatalog } from '../catalog'
import { categoryEntries, productEntries, sitemapPlan } from '../features/sitemap'
import { sitemapIndex, urlset } from '../http/sitemap-xml'

/** GET /sitemap.xml: every active category and product, or an index of paged sitemaps when large. */
export default defineEventHandler(async (event) => {
  const catalog = await useCatalog()
  const origin = settings().publicUrl
  const plan = await sitemapPlan(catalog)
  setResponseHeaders(event, {
    'content-type': 'application/xml; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  })
  if (plan.single) return urlset(origin, [...(await categoryEntries(catalog)), ...(await productEntries(catalog, 1))])
  const pages = Array.from({ length: plan.productPages }, (_, index) => `/sitemaps/products-${index + 1}.xml`)
  return sitemapIndex(origin, ['/sitemaps/categories.xml', ...pages])
})
