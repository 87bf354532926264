import type { Envelope } from '#kernel/contracts/messaging'
import { causedBy } from '#kernel/messaging/envelope'
import { claimInbox } from '#kernel/messaging/inbox'
import { withOutbox } from '#kernel/messaging/outbox'
import type { ProductChangedPayload } from '#layers/catalog/contracts/events'
import { INVENTORY_CONTEXT } from '../../contracts'
import { startingStockOf } from '../domain/starting-stock'
import type { Inventory } from '../inventory'
import { logMovements } from '../infrastructure/stock-store'
import { availabilityEvents } from './availability-events'

export const TRACK_NEW_SKUS = 'inventory.track-new-skus'

/**
 * A product the catalog created or changed may sell skus inventory has not counted yet: each gets
 * its stock record (with the starting stock the shop's policy gives), once, whatever the number of
 * deliveries. A sku it already counts keeps its stock.
 */
export async function trackNewSkus(inventory: Inventory, envelope: Envelope<ProductChangedPayload>): Promise<number> {
  const { productId, sku, skus } = envelope.payload
  const sold = skus ?? [sku]
  return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    if (!(await claimInbox(trx, INVENTORY_CONTEXT, TRACK_NEW_SKUS, envelope))) return 0
    const counted = await trx
      .insertInto('stock')
      .values(
        sold.map((s) => ({ sku: s, product_id: productId, on_hand: startingStockOf(s, inventory.startingStock) })),
      )
      .onConflict((conflict) => conflict.column('sku').doNothing())
      .returning(['sku', 'on_hand'])
      .execute()
    await logMovements(
      trx,
      counted
        .filter((row) => row.on_hand > 0)
        .map((row) => ({
          sku: row.sku,
          onHandChange: row.on_hand,
          reservedChange: 0,
          reason: 'received',
          note: 'starting stock',
        })),
    )
    // A page drawn before the sku was counted said "out of stock".
    const changes = counted.map((row) => ({ sku: row.sku, productId, availableBefore: 0, availableAfter: row.on_hand }))
    for (const event of availabilityEvents(changes, causedBy(envelope))) emit(event)
    return counted.length
  })
}
