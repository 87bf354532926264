import type { ObjectId } from 'mongodb'
import type { Envelope } from '#kernel/contracts/messaging'
import type { AttributeValue, ProductStatus, ReviewStatus } from '../../contracts'

export type { AttributeValue, ProductStatus, ReviewStatus }

/** A variant lives inside its product: it is only ever read and changed with it. */
export interface VariantDocument {
  sku: string
  name: string
  attributes: Record<string, string>
  /** Added to the product's price, in minor units (may be negative). */
  priceModifier: number
  /** Its own pictures, where it looks different from the product's (a colour); else it has the product's. */
  images?: string[]
}

export interface ProductDocument {
  _id: ObjectId
  sku: string
  name: string
  slug: string
  description: string
  /** Minor units (cents) as an integer: money is never a float. */
  price: number
  currency: string
  /** Image paths under `/images/catalog/…` (served from unstorage). */
  images: string[]
  status: ProductStatus
  /** Per kind of product; facet keys read `attributes.<key>` (a list matches each of its values). */
  attributes: Record<string, AttributeValue>
  categoryIds: ObjectId[]
  variants: VariantDocument[]
  featured: boolean
  /** Approved reviews, kept with the product so listings and pages need no second read. */
  rating: { average: number; count: number }
  createdAt: Date
  updatedAt: Date
  /** Bumped by every change: caches and events carry it, so an older copy never wins. */
  version: number
  /** Events written atomically with the change they describe, until the relay has published them. */
  outbox: Envelope[]
}

export interface CategoryDocument {
  _id: ObjectId
  name: string
  slug: string
  description: string
  parentId: ObjectId | null
  /** Slugs from the root down to this category, itself included. */
  path: string[]
  /** 1 for a root category. */
  level: number
  sortOrder: number
  isActive: boolean
  /** Attribute keys shoppers can filter this category's products by, in display order. */
  facets: string[]
  featured: boolean
}

export interface ReviewDocument {
  _id: ObjectId
  productId: ObjectId
  /** The identity user id (a uuid); demo reviews have none. */
  userId: string | null
  authorName: string
  rating: number
  title: string
  comment: string
  verified: boolean
  status: ReviewStatus
  createdAt: Date
}
