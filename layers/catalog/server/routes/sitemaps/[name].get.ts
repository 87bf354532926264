import { createError, defineEventHandler, getRouterParam, setResponseHeaders } from 'h3'
import { settings } from '#kernel/config/runtime'
import { useCatalog } from '../../catalog'
import { categoryEntries, productEntries, sitemapPlan } from '../../features/sitemap'
import { urlset } from '../../http/sitemap-xml'

/** GET /sitemaps/categories.xml and /sitemaps/products-{n}.xml: the pages a large sitemap index lists. */
export default defineEventHandler(async (event) => {
  const catalog = await useCatalog()
  const name = getRouterParam(event, 'name') ?? ''
  const productPage = /^products-([1-9]\d{0,4})\.xml$/.exec(name)
  let entries
  if (name === 'categories.xml') entries = await categoryEntries(catalog)
  else if (productPage && Number(productPage[1]) <= (await sitemapPlan(catalog)).productPages)
    entries = await productEntries(catalog, Number(productPage[1]))
  else throw createError({ statusCode: 404, message: 'There is no such sitemap.' })
  setResponseHeaders(event, {
    'content-type': 'application/xml; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  })
  return urlset(settings().publicUrl, entries)
})
