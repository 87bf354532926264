import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { InventoryCommitted } from '../../contracts/events'
import type { Inventory } from '../inventory'
import { findReservation, moveReservation } from '../infrastructure/reservation-store'
import { applyToStock } from './apply-to-stock'

/**
 * The order shipped: what it holds leaves the shelf (on hand and held both fall, so what shoppers
 * may buy does not change). Idempotent. A shipment of an order that holds nothing is logged:
 * the saga should never ask it.
 */
export async function commit(inventory: Inventory, orderId: string, cause: Causation = {}): Promise<boolean> {
  return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const reservation = await moveReservation(trx, orderId, 'held', 'committed')
    if (!reservation) {
      const status = (await findReservation(trx, orderId))?.status
      if (status !== 'committed' && status !== 'restocked')
        inventory.log.warn({ orderId, status }, 'a shipment of an order that holds no stock was ignored')
      return false
    }
    await applyToStock(trx, reservation, { onHand: -1, reserved: -1, reason: 'shipped' })
    emit(createEnvelope(InventoryCommitted, { orderId, lines: reservation.lines }, cause))
    return true
  })
}
