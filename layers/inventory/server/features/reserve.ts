import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { announceOutboxCommit, withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { AvailabilityChanged, InventoryReserved, ReservationFailed } from '../../contracts/events'
import { shortLinesOf, type ShortLine, type StockLine } from '../domain/short-lines'
import type { Inventory } from '../inventory'
import {
  findReservation,
  recordAndHold,
  recordReservation,
  type Reservation,
} from '../infrastructure/reservation-store'
import { availableUnits } from '../infrastructure/stock-store'

export type ReserveOutcome = { reserved: true; expiresAt: Date } | { reserved: false; shortLines: ShortLine[] }

/** The reply an order's recorded outcome gives, the first time and every time after. */
function replyOf(reservation: Reservation, cause: Causation) {
  return reservation.status === 'failed'
    ? createEnvelope(ReservationFailed, { orderId: reservation.orderId, shortLines: reservation.shortLines! }, cause)
    : createEnvelope(
        InventoryReserved,
        { orderId: reservation.orderId, lines: reservation.lines, expiresAt: reservation.expiresAt.toISOString() },
        cause,
      )
}

const outcomeOf = (reservation: Reservation): ReserveOutcome =>
  reservation.status === 'failed'
    ? { reserved: false, shortLines: reservation.shortLines! }
    : { reserved: true, expiresAt: reservation.expiresAt }

/**
 * Holds every line of an order, or none: one call records the order, holds each line with a
 * conditional update and writes the reply, and undoes all of it when a line is short. The outcome
 * is recorded per order and replied (Reserved or ReservationFailed); the same command again
 * replies the recorded outcome and holds nothing more.
 */
export async function reserve(
  inventory: Inventory,
  orderId: string,
  lines: readonly StockLine[],
  cause: Causation = {},
): Promise<ReserveOutcome> {
  const expiresAt = new Date(Date.now() + inventory.holdMs)
  const reservation = { orderId, status: 'held' as const, lines: [...lines], shortLines: null, expiresAt }
  const outcome = await recordAndHold(inventory.db, reservation, replyOf(reservation, cause), (sku) =>
    announcement(sku, cause),
  )
  switch (outcome.kind) {
    case 'held':
      // The reservation wrote to the outbox itself: the relay is told here.
      announceOutboxCommit(INVENTORY_CONTEXT)
      return outcomeOf(reservation)
    case 'had-outcome':
      return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
        const earlier = (await findReservation(trx, orderId))!
        emit(replyOf(earlier, cause))
        return outcomeOf(earlier)
      })
    case 'short': {
      const shortLines = await shortLinesNow(inventory, lines, outcome.failed)
      return recordShortage(inventory, { orderId, lines: [...lines], shortLines, expiresAt: new Date() }, cause)
    }
  }
}

/** An AvailabilityChanged for `sku`, whose product and availability the reservation fills in. */
const announcement = (sku: string, cause: Causation) =>
  createEnvelope(AvailabilityChanged, { sku, productId: '', availability: { state: 'out-of-stock' } }, cause)

/**
 * The lines there is too little of once a hold failed: the line that failed is short whatever a
 * concurrent change shows a moment later, and the others as they stand now.
 */
async function shortLinesNow(inventory: Inventory, lines: readonly StockLine[], failed: StockLine) {
  const available = await availableUnits(
    inventory.db,
    lines.map((line) => line.sku),
  )
  available.set(failed.sku, Math.min(available.get(failed.sku) ?? 0, failed.quantity - 1))
  return shortLinesOf(lines, available)
}

/** Records (and replies) that the order could not be held, unless a duplicate recorded an outcome first. */
async function recordShortage(
  inventory: Inventory,
  failed: Omit<Reservation, 'status'>,
  cause: Causation,
): Promise<ReserveOutcome> {
  return withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const reservation = { ...failed, status: 'failed' as const }
    const outcome = (await recordReservation(trx, reservation))
      ? reservation
      : (await findReservation(trx, failed.orderId))!
    emit(replyOf(outcome, cause))
    return outcomeOf(outcome)
  })
}
