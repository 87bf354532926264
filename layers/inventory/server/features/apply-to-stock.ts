import type { Transaction } from 'kysely'
import type { MovementReason } from '../../contracts'
import { inLockOrder } from '../domain/short-lines'
import type { InventoryDatabase } from '../infrastructure/database'
import type { Reservation } from '../infrastructure/reservation-store'
import { changeUnits, logMovements, type StockChange } from '../infrastructure/stock-store'

/** How a move of a reservation changes each of its lines' stock, per unit. */
export interface StockEffect {
  onHand: -1 | 0 | 1
  reserved: -1 | 0 | 1
  reason: MovementReason
  note?: string
}

/**
 * Applies a reservation's move to the stock of its lines, in lock order, and logs a movement per
 * line: the one place a release, a shipment and a restock change stock.
 */
export async function applyToStock(
  trx: Transaction<InventoryDatabase>,
  reservation: Reservation,
  effect: StockEffect,
): Promise<StockChange[]> {
  const changes: StockChange[] = []
  for (const { sku, quantity } of inLockOrder(reservation.lines)) {
    const change = await changeUnits(trx, sku, {
      onHand: effect.onHand * quantity,
      reserved: effect.reserved * quantity,
    })
    if (change) changes.push(change)
  }
  await logMovements(
    trx,
    reservation.lines.map(({ sku, quantity }) => ({
      sku,
      onHandChange: effect.onHand * quantity,
      reservedChange: effect.reserved * quantity,
      reason: effect.reason,
      orderId: reservation.orderId,
      note: effect.note ?? null,
    })),
  )
  return changes
}
