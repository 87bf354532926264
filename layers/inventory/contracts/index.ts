import { moduleToken } from '#kernel/contracts/module'

/**
 * The public face of the inventory context: the only module other layers may import. This file
 * holds what pages need too (availability, limits), so it loads no zod; the API's schemas are in
 * api.ts and the bus's messages in events.ts. Its name is also its Postgres schema, queue prefix
 * and task prefix.
 */
export const INVENTORY_CONTEXT = 'inventory' as const

/** At or under this many left, a page says "only N left". */
export const LOW_STOCK_THRESHOLD = 5
/** Lines one reservation may hold: an order's lines, which the basket caps at 50. */
export const MAX_RESERVATION_LINES = 50

/** What a shopper may be told of a sku's stock: never more than that it is low. */
export type Availability = { state: 'in-stock' } | { state: 'low'; left: number } | { state: 'out-of-stock' }

/** Why stock changed, as the movement log records it. */
export type MovementReason = 'received' | 'reserved' | 'released' | 'shipped' | 'returned' | 'adjusted'

/** What other contexts may ask inventory in-process (the catalog's pages show availability). */
export interface InventoryModule {
  /**
   * The availability of each sku asked for, in one read. A sku inventory does not track (yet) is
   * out of stock: nothing can be sold that nobody has counted.
   */
  availability(skus: readonly string[]): Promise<Map<string, Availability>>
}
export const InventoryModule = moduleToken<InventoryModule>(INVENTORY_CONTEXT)
