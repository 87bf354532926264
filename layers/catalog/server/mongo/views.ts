import type { Document } from 'mongodb'
import type { CategoryDto, CategoryRefDto, ProductDto, ProductSummaryDto, ReviewDto } from '../../contracts'
import type { TreeOf } from '../domain/category-tree'
import type { CategoryDocument, ProductDocument, ReviewDocument } from './documents'

/** A listing row (the `SUMMARY_FIELDS` projection) as shoppers see it. */
export const summaryOf = (doc: Document): ProductSummaryDto => ({
  id: String(doc._id),
  slug: doc.slug,
  name: doc.name,
  price: { amount: doc.price, currency: doc.currency },
  image: doc.images?.[0] ?? null,
  rating: doc.rating,
  sku: doc.variants?.length ? null : doc.sku,
})

export const productOf = (doc: ProductDocument, categoryPath: CategoryRefDto[]): ProductDto => ({
  ...summaryOf(doc),
  sku: doc.sku,
  description: doc.description,
  images: doc.images,
  attributes: doc.attributes,
  variants: doc.variants.map((variant) => ({
    sku: variant.sku,
    name: variant.name,
    attributes: variant.attributes,
    price: { amount: doc.price + variant.priceModifier, currency: doc.currency },
    images: variant.images?.length ? variant.images : doc.images,
  })),
  categoryPath,
  updatedAt: doc.updatedAt.toISOString(),
  version: doc.version,
})

export const reviewOf = (doc: ReviewDocument): ReviewDto => ({
  id: String(doc._id),
  authorName: doc.authorName,
  rating: doc.rating,
  title: doc.title,
  comment: doc.comment,
  verified: doc.verified,
  createdAt: doc.createdAt.toISOString(),
})

/** The tree's node type: a category document seen through the tree rules' string ids. */
export type CategoryNodeOf = Omit<CategoryDocument, '_id' | 'parentId'> & { id: string; parentId: string | null }

export const nodeOf = (doc: CategoryDocument): CategoryNodeOf => {
  const { _id, parentId, ...rest } = doc
  return { ...rest, id: String(_id), parentId: parentId ? String(parentId) : null }
}

export const categoryOf = (node: TreeOf<CategoryNodeOf>, parentSlug: string | null = null): CategoryDto => ({
  id: node.id,
  slug: node.slug,
  name: node.name,
  description: node.description,
  parentSlug,
  level: node.level,
  facets: node.facets,
  featured: node.featured,
  children: node.children.map((child) => categoryOf(child, node.slug)),
})
