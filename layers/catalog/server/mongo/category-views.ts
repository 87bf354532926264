import type { AdminCategoryDto } from '../../contracts'
import type { CategoryDocument } from './documents'

export type { AdminCategoryDto }

export const adminCategoryOf = (doc: CategoryDocument): AdminCategoryDto => ({
  id: String(doc._id),
  slug: doc.slug,
  name: doc.name,
  description: doc.description,
  // The path runs from the root to the category itself, so the parent is the one before it.
  parentSlug: doc.path.at(-2) ?? null,
  path: doc.path,
  level: doc.level,
  sortOrder: doc.sortOrder,
  isActive: doc.isActive,
  facets: doc.facets,
  featured: doc.featured,
})
