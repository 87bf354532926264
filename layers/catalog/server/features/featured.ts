import { ObjectId } from 'mongodb'
import type { HomeDto } from '../../contracts'
import { SUMMARY_FIELDS } from '../mongo/product-listing'
import { categoryOf, summaryOf } from '../mongo/views'
import type { Catalog } from '../catalog'
import { categoryIndex } from './category-index'

/** Per top-level category: a row of four on a desktop, two rows of two on a phone. */
const FAVOURITES_PER_ROOT = 4
/** Enough reviews for an average to mean something. */
const MIN_REVIEWS = 3
export const HOME_KEY = 'catalog:home'

/**
 * The home page: featured categories, then each top-level category's best-rated products
 * (merchandisers' featured picks first among equals), so the rows show the whole shop.
 */
export async function featured(catalog: Catalog): Promise<string> {
  return (await catalog.cache.read(HOME_KEY, async () => {
    const categories = await categoryIndex(catalog)
    const rows = await Promise.all(
      categories.roots.map((root) =>
        catalog.collections.products
          .find(
            {
              status: 'active',
              categoryIds: { $in: (categories.subtreeIds(root.slug) ?? []).map((id) => new ObjectId(id)) },
              'rating.count': { $gte: MIN_REVIEWS },
            },
            { projection: SUMMARY_FIELDS },
          )
          .sort({ 'rating.average': -1, featured: -1, 'rating.count': -1, _id: 1 })
          .limit(FAVOURITES_PER_ROOT)
          .toArray(),
      ),
    )
    // Only whole rows: a category with fewer favourites than a row leaves no gap.
    const products = rows.filter((row) => row.length === FAVOURITES_PER_ROOT).flat()
    const home: HomeDto = {
      categories: [...categories.byId.values()]
        .filter((node) => node.featured)
        .map((node) => categoryOf(node, node.parentId ? (categories.byId.get(node.parentId)?.slug ?? null) : null)),
      products: products.map(summaryOf),
    }
    return JSON.stringify(home)
  }))!
}
