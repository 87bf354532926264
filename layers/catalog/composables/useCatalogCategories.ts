import type { CategoryDto } from '../contracts'
import { useCatalogRead } from './useCatalogRead'

/**
 * The category tree, roots first, with every category's description and facets (category pages).
 */
export function useCatalogCategories() {
  return useCatalogRead(
    () => 'catalog:categories',
    (reader) => reader.categories(),
    () => $fetch<CategoryDto[]>('/api/v1/catalog/categories'),
  )
}

/**
 * The root categories' names and links, for the shop's header. Only these travel in every page's
 * payload, not the whole tree with its descriptions.
 */
export function useCatalogNavigation() {
  const roots = (tree: CategoryDto[]) => tree.map(({ slug, name }) => ({ slug, name }))
  return useCatalogRead(
    () => 'catalog:navigation',
    async (reader) => roots(await reader.categories()),
    async () => roots(await $fetch<CategoryDto[]>('/api/v1/catalog/categories')),
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
