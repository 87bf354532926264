import { sql, type Transaction } from 'kysely'
import type { ShortLine, StockLine } from '../domain/short-lines'
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
