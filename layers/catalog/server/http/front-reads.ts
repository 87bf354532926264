import type { FrontRead } from '#kernel/front-lane/front-lane'
import type { Catalog } from '../catalog'
import { SLUG_PATTERN } from '../domain/slug'
import { productKey, productSlugKey } from '../features/product-detail'
import { PUBLIC_CACHE } from './respond'

export const PRODUCT_API_PREFIX = '/api/v1/catalog/products/'

const JSON_HEADERS = ['content-type', 'application/json; charset=utf-8', 'cache-control', PUBLIC_CACHE] as const

/**
 * GET /api/v1/catalog/products/{slug} from this instance's fresh copy of the product, when it
 * holds one; the route itself answers everything else (a miss, an unknown slug, a bad one).
 */
export const productFromMemory =
  (catalog: Catalog): FrontRead =>
  (path) => {
    const slug = path.slice(PRODUCT_API_PREFIX.length)
    if (!SLUG_PATTERN.test(slug)) return undefined
    const id = catalog.cache.peek(productSlugKey(slug))
    const body = id && catalog.cache.peek(productKey(id))
    return body ? { headers: JSON_HEADERS, body } : undefined
  }
