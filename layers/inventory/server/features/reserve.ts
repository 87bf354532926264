import { refuse } from '#kernel/contracts/result'
import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { InventoryReserved, ReservationFailed } from '../../contracts/events'
import { inLockOrder, shortLinesOf, type ShortLine, type StockLine } from '../domain/short-lines'
import type { Inventory } from '../inventory'
import { findReservation, recordReservation, type Reservation } from '../infrastructure/reservation-store'
import { availableUnits, holdUnits, logMovements, type StockChange } from '../infrastructure/stock-store'
import { availabilityEvents } from './availability-events'

export type ReserveOutcome = { reserved: true; expiresAt: Date } | { reserved: false; shortLines: ShortLine[] }

/** Short: a refusal that rolls the holds back; it never leaves this file. */
const SHORT = refuse(409, 'not enough stock')

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
 * Holds every line of an order, or none: each line is one conditional update in a single
 * transaction, and the first that finds too little rolls all of them back. The outcome is
 * recorded per order and replied (Reserved or ReservationFailed); the same command again replies
 * the recorded outcome and holds nothing more.
 */
export async function reserve(
  inventory: Inventory,
  orderId: string,
  lines: readonly StockLine[],
  cause: Causation = {},
): Promise<ReserveOutcome> {
  const expiresAt = new Date(Date.now() + inventory.holdMs)
  let shortLines: ShortLine[] = []
  const held = await withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    if (!(await recordReservation(trx, { orderId, status: 'held', lines: [...lines], shortLines: null, expiresAt }))) {
      const earlier = (await findReservation(trx, orderId))!
      emit(replyOf(earlier, cause))
      return outcomeOf(earlier)
    }
    const changes = []
    for (const line of inLockOrder(lines)) {
      const change = await holdUnits(trx, line)
      if (!change) {
        shortLines = await shortLinesAt(trx, lines, changes, line)
        return SHORT
      }
      changes.push(change)
    }
    await logMovements(
      trx,
      lines.map((line) => ({
        sku: line.sku,
        onHandChange: 0,
        reservedChange: line.quantity,
        reason: 'reserved',
        orderId,
      })),
    )
    for (const envelope of availabilityEvents(changes, cause)) emit(envelope)
    const reservation = { orderId, status: 'held' as const, lines: [...lines], shortLines: null, expiresAt }
    emit(replyOf(reservation, cause))
    return outcomeOf(reservation)
  })
  if (held !== SHORT) return held as ReserveOutcome
  return recordShortage(inventory, { orderId, lines: [...lines], shortLines, expiresAt: new Date() }, cause)
}

/**
 * The lines there is too little of, as this transaction sees them when a hold fails: what it has
 * held itself is counted as available, and the line that failed is short whatever a concurrent
 * change shows a moment later.
 */
async function shortLinesAt(
  trx: Parameters<typeof holdUnits>[0],
  lines: readonly StockLine[],
  held: readonly StockChange[],
  failed: StockLine,
): Promise<ShortLine[]> {
  const available = await availableUnits(
    trx,
    lines.map((line) => line.sku),
  )
  for (const change of held) available.set(change.sku, change.availableBefore)
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
