import type { Inventory } from '../inventory'
import { expiredHolds } from '../infrastructure/reservation-store'
import { release } from './release'

const BATCH = 100

/**
 * The safety net against a checkout that never finished: every hold past its expiry goes back to
 * stock, and the movement log and the event say it expired. Several instances may run it at once:
 * each hold is released by exactly one of them (the release is a conditional move). Returns how
 * many it released.
 */
export async function releaseExpired(inventory: Inventory): Promise<number> {
  let released = 0
  for (;;) {
    const orders = await expiredHolds(inventory.db, BATCH)
    for (const orderId of orders)
      if (await release(inventory, orderId, 'the order did not finish in time', {}, { expired: true })) released++
    if (orders.length < BATCH) break
  }
  if (released) inventory.log.info({ released }, 'expired holds released')
  return released
}
