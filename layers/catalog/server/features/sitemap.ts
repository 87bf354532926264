import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'

/** Search engines accept 50,000 URLs per file; smaller files are quicker to serve and to re-read. */
export const SITEMAP_PAGE_SIZE = 10_000

export interface SitemapEntry {
  path: string
  lastModified?: Date
}

export interface SitemapPlan {
  /** True when everything fits one file; otherwise `/sitemap.xml` indexes the pages below. */
  single: boolean
  productPages: number
}

export async function sitemapPlan(catalog: Catalog): Promise<SitemapPlan> {
  const products = await catalog.collections.products.countDocuments({ status: 'active' })
  const productPages = Math.max(1, Math.ceil(products / SITEMAP_PAGE_SIZE))
  return { single: productPages === 1, productPages }
}

export async function categoryEntries(catalog: Catalog): Promise<SitemapEntry[]> {
  const categories = await categoryIndex(catalog)
  return [{ path: '/' }, ...[...categories.byId.values()].map((node) => ({ path: `/categories/${node.slug}` }))]
}

/** One page of active products, in a stable order so pages do not overlap. */
export async function productEntries(catalog: Catalog, page: number): Promise<SitemapEntry[]> {
  const products = await catalog.collections.products
    .find({ status: 'active' }, { projection: { slug: 1, updatedAt: 1 } })
    .sort({ _id: 1 })
    .skip((page - 1) * SITEMAP_PAGE_SIZE)
    .limit(SITEMAP_PAGE_SIZE)
    .toArray()
  return products.map((product) => ({ path: `/products/${product.slug}`, lastModified: product.updatedAt }))
}
