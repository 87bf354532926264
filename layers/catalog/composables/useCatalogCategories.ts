import type { CategoryDto } from '../contracts'
import { useCatalogRead } from './useCatalogRead'

/**
 * The category tree, roots first. One key and one call site for the header and the category
 * pages, so a page render reads it once and Nuxt never sees two handlers for the same key.
 */
export function useCatalogCategories() {
  return useCatalogRead(
    () => 'catalog:categories',
    (reader) => reader.categories(),
    () => $fetch<CategoryDto[]>('/api/v1/catalog/categories'),
  )
}

/** The categories from a root down to `slug` (breadcrumbs), or undefined when the tree has no such category. */
export function categoryTrail(roots: readonly CategoryDto[], slug: string): CategoryDto[] | undefined {
  for (const root of roots) {
    if (root.slug === slug) return [root]
    const below = categoryTrail(root.children, slug)
    if (below) return [root, ...below]
  }
  return undefined
}
