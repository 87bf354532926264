import { purgePages } from '#kernel/page-cache/registry'

const PRODUCT_PAGE = /^\/products\/([a-z0-9-]+)$/
const LISTING_PAGE = /^\/(categories\/[a-z0-9-]+|search)?$/
/** Every page that lists products or shows the category tree. */
const LISTINGS = 'catalog:listings'

const productTag = (slug: string) => `catalog:product:${slug}`

/** The catalog's pages the shared page cache may keep for anonymous visitors. */
export const catalogPages = {
  matches: (path: string) => PRODUCT_PAGE.test(path) || LISTING_PAGE.test(path),
  tags: (path: string) => {
    const slug = PRODUCT_PAGE.exec(path)?.[1]
    return slug ? [productTag(slug)] : [LISTINGS]
  },
}

/** A product changed: its page (under each slug it had) and every listing may show it differently. */
export const purgeProductPages = (...slugs: string[]) => purgePages([...slugs.map(productTag), LISTINGS])

/** Categories appear on every page (header, breadcrumbs). */
export const purgeAllCatalogPages = () => purgePages(['*'])
