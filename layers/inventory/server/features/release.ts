import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { InventoryReleased } from '../../contracts/events'
import type { Inventory } from '../inventory'
import { moveReservation } from '../infrastructure/reservation-store'
import { applyToStock } from './apply-to-stock'
import { availabilityEvents } from './availability-events'

/**
 * Gives back what an order holds (the saga's compensation, or the safety net when a hold expires)
 * and says so. Idempotent: an order that holds nothing (never reserved, already released, shipped)
 * changes nothing. Returns whether it released anything.
 */
export async function release(
  inventory: Inventory,
  orderId: string,
  reason: string,
  cause: Causation = {},
  { expired = false } = {},
): Promise<boolean> {
  return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const reservation = await moveReservation(trx, orderId, 'held', 'released', expired)
    if (!reservation) return false
    const note = expired ? `hold expired: ${reason}` : reason
    const changes = await applyToStock(trx, reservation, { onHand: 0, reserved: -1, reason: 'released', note })
    for (const envelope of availabilityEvents(changes, cause)) emit(envelope)
    emit(createEnvelope(InventoryReleased, { orderId, lines: reservation.lines, reason, expired }, cause))
    return true
  })
}
