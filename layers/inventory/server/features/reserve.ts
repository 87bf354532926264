import type { Transaction } from 'kysely'
import { refuse } from '#kernel/contracts/result'
import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { announceOutboxCommit, withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import { InventoryReserved, ReservationFailed } from '../../contracts/events'
import { inLockOrder, shortLinesOf, type ShortLine, type StockLine } from '../domain/short-lines'
import type { Inventory } from '../inventory'
import type { InventoryDatabase } from '../infrastructure/database'
import {
  findReservation,
  recordAndHold,
  recordReservation,
  type Reservation,
} from '../infrastructure/reservation-store'
import { availableUnits, type StockChange } from '../infrastructure/stock-store'
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
  const reservation = { orderId, status: 'held' as const, lines: [...lines], shortLines: null, expiresAt }
  const reply = replyOf(reservation, cause)
  const held = await withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const outcome = await recordAndHold(trx, reservation, reply)
    if (!outcome.recorded) {
      const earlier = (await findReservation(trx, orderId))!
      emit(replyOf(earlier, cause))
      return outcomeOf(earlier)
    }
    if (outcome.held.length < lines.length) {
      shortLines = await shortLinesAt(trx, lines, outcome.held)
      return SHORT
    }
    for (const envelope of availabilityEvents(outcome.held, cause)) emit(envelope)
    return outcomeOf(reservation)
  })
  if (held !== SHORT) {
    // The reply went to the outbox inside recordAndHold's statement: the relay is told here.
    announceOutboxCommit(INVENTORY_CONTEXT)
    return held as ReserveOutcome
  }
  return recordShortage(inventory, { orderId, lines: [...lines], shortLines, expiresAt: new Date() }, cause)
}

/**
 * The lines there is too little of, as this transaction sees them when a hold fails: what it has
 * held itself is counted as available, and the line that failed is short whatever a concurrent
 * change shows a moment later.
 */
async function shortLinesAt(
  trx: Transaction<InventoryDatabase>,
  lines: readonly StockLine[],
  held: readonly StockChange[],
): Promise<ShortLine[]> {
  // Lines are held in sku order, and the first that could not be stopped the rest.
  const failed = inLockOrder(lines)[held.length]!
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
