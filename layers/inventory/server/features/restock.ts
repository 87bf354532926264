import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { InventoryRestocked } from '../../contracts/events'
import type { Inventory } from '../inventory'
import { moveReservation } from '../infrastructure/reservation-store'
import { applyToStock } from './apply-to-stock'
import { availabilityEvents } from './availability-events'

/** A shipped order's return was received: what it took is back on the shelf. Idempotent. */
export async function restock(inventory: Inventory, orderId: string, cause: Causation = {}): Promise<boolean> {
  return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const reservation = await moveReservation(trx, orderId, 'committed', 'restocked')
    if (!reservation) return false
    const changes = await applyToStock(trx, reservation, { onHand: 1, reserved: 0, reason: 'returned' })
    for (const envelope of availabilityEvents(changes, cause)) emit(envelope)
    emit(createEnvelope(InventoryRestocked, { orderId, lines: reservation.lines }, cause))
    return true
  })
}
