import type { Inventory } from '../inventory'
import { keepHold } from '../infrastructure/reservation-store'

/**
 * The order is paid: its hold no longer expires, so `inventory:release-expired` never gives back
 * stock a customer paid for while it waits for its shipment. Idempotent. An order that holds
 * nothing (released meanwhile) is logged: the saga keeps only what it reserved.
 */
export async function keep(inventory: Inventory, orderId: string): Promise<boolean> {
  const kept = await keepHold(inventory.db, orderId)
  if (!kept) inventory.log.warn({ orderId }, 'a paid order holds no stock to keep')
  return kept
}
