import { IMAGE_URL_PREFIX, type ImageStore } from '../infrastructure/images/image-store'
import type { CatalogCollections } from '../mongo/collections'
import { productChangedEvent } from '../features/product-changed'
import { demoCatalog } from './demo-catalog'

/**
 * Fills an empty catalog with the demo catalog (categories, products, reviews, images). A catalog
 * that has any product is left alone, so restarts and a second instance change nothing.
 */
export async function seedDemoCatalog(
  { products, categories, reviews }: CatalogCollections,
  images: ImageStore,
): Promise<{ seeded: boolean; products: number }> {
  if (await products.findOne({}, { projection: { _id: 1 } })) return { seeded: false, products: 0 }
  const demo = demoCatalog()
  await Promise.all(
    [...demo.images].map(([path, svg]) => images.put(path.slice(IMAGE_URL_PREFIX.length), Buffer.from(svg))),
  )
  // Upserts: a start that crashed half-way through seeding left some of these behind.
  await categories.bulkWrite(
    demo.categories.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
  )
  await reviews.bulkWrite(
    demo.reviews.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
  )
  // Products last: a crash before this leaves the catalog empty, and the next start seeds it again.
  // Each carries its event, as a created product does, so other contexts learn of it (inventory
  // counts its stock).
  await products.insertMany(demo.products.map((product) => ({ ...product, outbox: [productChangedEvent(product)] })))
  return { seeded: true, products: demo.products.length }
}
