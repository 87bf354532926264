import { sql, type Transaction } from 'kysely'
import type { Envelope } from '#kernel/contracts/messaging'
import { inLockOrder } from '../domain/short-lines'
import type { ShortLine, StockLine } from '../domain/short-lines'
import { LOW_STOCK_THRESHOLD } from '../../contracts'
import type { InventoryDatabase, InventoryDb, ReservationStatus } from './database'

type Trx = Transaction<InventoryDatabase>

export interface Reservation {
  orderId: string
  status: ReservationStatus
  lines: StockLine[]
  shortLines: ShortLine[] | null
  expiresAt: Date
}

const columns = ['order_id', 'status', 'lines', 'short_lines', 'expires_at'] as const

const reservationOf = (row: {
  order_id: string
  status: ReservationStatus
  lines: StockLine[]
  short_lines: ShortLine[] | null
  expires_at: Date
}): Reservation => ({
  orderId: row.order_id,
  status: row.status,
  lines: row.lines,
  shortLines: row.short_lines,
  expiresAt: row.expires_at,
})

export async function findReservation(db: InventoryDb | Trx, orderId: string): Promise<Reservation | undefined> {
  const row = await db.selectFrom('reservations').select(columns).where('order_id', '=', orderId).executeTakeFirst()
  return row && reservationOf(row)
}

/**
 * Records an order's outcome, unless it has one: false when it had. A duplicate command running at
 * the same moment waits on the key until the first commits (then sees it) or rolls back (then
 * records its own).
 */
export async function recordReservation(
  trx: Trx,
  reservation: Omit<Reservation, 'status'> & { status: 'held' | 'failed' },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('reservations')
    .values({
      order_id: reservation.orderId,
      status: reservation.status,
      lines: JSON.stringify(reservation.lines),
      short_lines: reservation.shortLines && JSON.stringify(reservation.shortLines),
      expires_at: reservation.expiresAt,
    })
    .onConflict((conflict) => conflict.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst()
  return inserted !== undefined
}

/**
 * Moves a reservation from one status to the next and returns it, or undefined when it is not in
 * `from`: of two instances or two deliveries making the same move, exactly one makes it.
 */
export async function moveReservation(
  trx: Trx,
  orderId: string,
  from: ReservationStatus,
  to: ReservationStatus,
  onlyIfExpired = false,
): Promise<Reservation | undefined> {
  let update = trx
    .updateTable('reservations')
    .set({ status: to, updated_at: sql`now()` })
    .where('order_id', '=', orderId)
    .where('status', '=', from)
  if (onlyIfExpired) update = update.where('expires_at', '<=', sql<Date>`now()`)
  const row = await update.returning(columns).executeTakeFirst()
  return row && reservationOf(row)
}

/** Takes a held reservation out of expiry (its order is paid); false when it holds nothing now. */
export async function keepHold(db: InventoryDb, orderId: string): Promise<boolean> {
  const kept = await db
    .updateTable('reservations')
    .set({ expires_at: sql<Date>`'infinity'`, updated_at: sql`now()` })
    .where('order_id', '=', orderId)
    .where('status', '=', 'held')
    .executeTakeFirst()
  return kept.numUpdatedRows === 1n
}

/** Orders whose hold has expired, oldest first. */
export async function expiredHolds(db: InventoryDb, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('order_id')
    .where('status', '=', 'held')
    .where('expires_at', '<=', sql<Date>`now()`)
    .orderBy('expires_at')
    .limit(limit)
    .execute()
  return rows.map((row) => row.order_id)
}

/**
 * What a reservation did: held every line; found the order had an outcome already
 * (and wrote nothing); or found a line short (and wrote nothing), `failed` being the first.
 */
export type HoldOutcome = { kind: 'held' } | { kind: 'had-outcome' } | { kind: 'short'; failed: StockLine }

/** Raised by `inventory.reserve` when a line is short, with how many lines were held in its detail. */
const STOPPED_SHORT = 'P0S01'

/**
 * Records an order's hold, logs its movements, writes its reply, holds each of its lines and
 * announces the availability that changed, in one call of `inventory.reserve` committed on its
 * own, unless the order has an outcome already (see ADR 0015). Lines are held in sku order, each
 * with a conditional update (`on_hand - reserved >= n`); a short line undoes all of it.
 */
export async function recordAndHold(
  db: InventoryDb,
  reservation: Omit<Reservation, 'status' | 'shortLines'>,
  reply: Envelope,
  announce: (sku: string) => Envelope,
): Promise<HoldOutcome> {
  const ordered = inLockOrder(reservation.lines)
  try {
    const { rows } = await sql<{ outcome: 'held' | 'had-outcome' }>`
      select inventory.reserve(
        ${reservation.orderId}, ${ordered.map((line) => line.sku)}::text[],
        ${ordered.map((line) => line.quantity)}::int[], ${JSON.stringify(reservation.lines)}::jsonb,
        ${reservation.expiresAt}, ${JSON.stringify(reply)}::jsonb,
        ${ordered.map((line) => JSON.stringify(announce(line.sku)))}::jsonb[], ${LOW_STOCK_THRESHOLD}
      ) as outcome`.execute(db)
    return { kind: rows[0]!.outcome }
  } catch (error) {
    if ((error as { code?: string }).code !== STOPPED_SHORT) throw error
    return { kind: 'short', failed: ordered[Number((error as { detail: string }).detail)]! }
  }
}
