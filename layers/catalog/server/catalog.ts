import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import type { ProductPageDto, SkuSnapshot } from '../contracts'
import type { Infrastructure } from '#kernel/infrastructure'
import { resolveModule } from '#kernel/modules/registry'
import { OrderingModule } from '#layers/ordering/contracts'
import { rateLimiter, type RateLimiter } from '#kernel/redis/rate-limiter'
import { createJsonCache, type JsonCache } from './infrastructure/cache/json-cache'
import { createImageStore, type ImageStore } from './infrastructure/images/image-store'
import { createOutboxForwarder, type OutboxForwarder } from './infrastructure/outbox-forwarder'
import { catalogCollections, ensureCatalogIndexes, type CatalogCollections } from './mongo/collections'

/** Everything the catalog's features need, built once at start-up. */
export interface Catalog {
  collections: CatalogCollections
  cache: JsonCache
  /**
   * Listing pages (items and facet counts) this instance computed in the last second, by scope and
   * canonical query: a popular category costs one aggregation a second, however busy. Cleared here
   * when a product changes; other instances catch up within the second.
   */
  listings: LRUCache<string, ProductPageDto>
  /**
   * Sku snapshots as last read, by sku, with when (`features/sku-snapshots.ts`): carts price every
   * line on every view, and a busy cart should not cost a query per look. Cleared on a product change.
   */
  skus: LRUCache<string, { snapshot: SkuSnapshot; readAt: number }>
  /** Reads of skus under way: requests missing the same sku at once share one query. */
  skuReads: Map<string, Promise<void>>
  images: ImageStore
  /** Limits shoppers' writes (reviews), shared by every instance through Redis. */
  limiter: RateLimiter
  /** Moves events written with product documents to the relay's outbox. */
  forwarder: OutboxForwarder
  /** Ordering tells whether a reviewer bought the product (a "verified purchase"). */
  ordering: () => Promise<Pick<OrderingModule, 'hasPurchased'>>
  log: Logger
}

export interface CatalogSettings {
  databaseName: string
  /** Where images are kept on disk; memory only when undefined. */
  dataDir: string | undefined
}

// The seed's product cache lives an hour in Redis; each instance keeps its own copy a second, so a
// change shows everywhere within a second without a broadcast.
const CACHE = { localTtlMs: 1_000, redisTtlSeconds: 3_600, maxEntries: 5_000 }

export async function createCatalog(
  infrastructure: Pick<Infrastructure, 'mongo' | 'redis' | 'sql'>,
  settings: CatalogSettings,
  log: Logger,
): Promise<Catalog> {
  const collections = catalogCollections(infrastructure.mongo.client, settings.databaseName)
  await ensureCatalogIndexes(collections)
  return {
    collections,
    cache: createJsonCache(infrastructure.redis.client, CACHE),
    listings: new LRUCache<string, ProductPageDto>({ max: 1_000, ttl: 1_000 }),
    skus: new LRUCache<string, { snapshot: SkuSnapshot; readAt: number }>({ max: 20_000 }),
    skuReads: new Map(),
    images: createImageStore(settings.dataDir),
    limiter: rateLimiter(infrastructure.redis.client),
    forwarder: createOutboxForwarder(collections, infrastructure.sql, log),
    ordering: () => resolveModule(OrderingModule),
    log,
  }
}

let current: Promise<Catalog> | undefined

export const setCatalog = (catalog: Promise<Catalog>) => void (current = catalog)

/** The catalog this process started; slices await it (Nitro does not await plugins). */
export function useCatalog(): Promise<Catalog> {
  if (!current) throw new Error('the catalog plugin has not started')
  return current
}
