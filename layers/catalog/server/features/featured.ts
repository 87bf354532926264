import type { HomeDto } from '../../contracts'
import { SUMMARY_FIELDS } from '../mongo/product-listing'
import { categoryOf, summaryOf } from '../mongo/views'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'

const FEATURED_PRODUCTS = 12
export const HOME_KEY = 'catalog:home'

/** The home page: featured categories, then featured products best rated first. */
export async function featured(catalog: Catalog): Promise<string> {
  return (await catalog.cache.read(HOME_KEY, async () => {
    const categories = await categoryIndex(catalog)
    const products = await catalog.collections.products
      .find({ status: 'active', featured: true }, { projection: SUMMARY_FIELDS })
      .sort({ 'rating.average': -1, _id: 1 })
      .limit(FEATURED_PRODUCTS)
      .toArray()
    const home: HomeDto = {
      categories: [...categories.byId.values()]
        .filter((node) => node.featured)
        .map((node) => categoryOf(node, node.parentId ? (categories.byId.get(node.parentId)?.slug ?? null) : null)),
      products: products.map(summaryOf),
    }
    return JSON.stringify(home)
  }))!
}
