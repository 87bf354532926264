import type { Collection, Db, MongoClient } from 'mongodb'
import type { CategoryDocument, ProductDocument, ReviewDocument } from './documents'

export interface CatalogCollections {
  db: Db
  products: Collection<ProductDocument>
  categories: Collection<CategoryDocument>
  reviews: Collection<ReviewDocument>
}

export function catalogCollections(client: MongoClient, databaseName: string): CatalogCollections {
  const db = client.db(databaseName)
  return {
    db,
    products: db.collection<ProductDocument>('products'),
    categories: db.collection<CategoryDocument>('categories'),
    reviews: db.collection<ReviewDocument>('reviews'),
  }
}

/**
 * Every index a read or a rule depends on. createIndexes is idempotent, so this runs at each start.
 * Variant skus share the product skus' uniqueness only among products that have variants.
 */
export async function ensureCatalogIndexes({ products, categories, reviews }: CatalogCollections): Promise<void> {
  await Promise.all([
    products.createIndexes([
      { key: { sku: 1 }, name: 'sku_unique', unique: true },
      { key: { slug: 1 }, name: 'slug_unique', unique: true },
      {
        key: { 'variants.sku': 1 },
        name: 'variant_sku_unique',
        unique: true,
        partialFilterExpression: { 'variants.sku': { $exists: true } },
      },
      { key: { status: 1, categoryIds: 1, price: 1 }, name: 'listing' },
      // Facet filters name any attribute a category offers: one wildcard index serves them all.
      { key: { 'attributes.$**': 1 }, name: 'attributes' },
      { key: { status: 1, featured: 1 }, name: 'featured' },
      { key: { 'outbox.id': 1 }, name: 'outbox', sparse: true },
      {
        key: { name: 'text', 'attributes.brand': 'text', 'attributes.author': 'text', description: 'text' },
        name: 'search',
        weights: { name: 10, 'attributes.brand': 5, 'attributes.author': 5, description: 1 },
        default_language: 'english',
      },
    ]),
    categories.createIndexes([
      { key: { slug: 1 }, name: 'slug_unique', unique: true },
      { key: { parentId: 1, sortOrder: 1 }, name: 'children' },
      { key: { path: 1 }, name: 'subtree' },
    ]),
    reviews.createIndexes([
      { key: { productId: 1, status: 1, createdAt: -1 }, name: 'by_product' },
      { key: { status: 1, createdAt: -1 }, name: 'moderation' },
      // One review per shopper and product; demo reviews have no user and are left out.
      {
        key: { productId: 1, userId: 1 },
        name: 'one_per_user',
        unique: true,
        partialFilterExpression: { userId: { $type: 'string' } },
      },
    ]),
  ])
}
