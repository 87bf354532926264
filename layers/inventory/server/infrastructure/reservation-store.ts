import { sql, type Transaction } from 'kysely'
import type { Envelope } from '#kernel/contracts/messaging'
import { outboxInsert } from '#kernel/messaging/outbox'
import { inLockOrder } from '../domain/short-lines'
import type { ShortLine, StockLine } from '../domain/short-lines'
import { changeOf, type StockChange } from './stock-store'
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

/** What a reservation's statement did: whether it recorded the order, and the holds it made, in sku order. */
export interface HoldOutcome {
  recorded: boolean
  held: StockChange[]
}

/**
 * Records an order's hold, logs its movements, writes its reply and holds each of its lines, all
 * in one statement and in that order, unless the order has an outcome already (then nothing is
 * written). Each step runs only once the one before it wrote its row. Each line is one conditional
 * update (`on_hand - reserved >= n`), so rows are locked in sku order (no deadlock between two
 * orders), a short line stops the rest, and fewer holds than lines make the caller roll it all
 * back. The holds come last: a hot sku's row is locked only from its update to the commit.
 */
export async function recordAndHold(
  trx: Trx,
  reservation: Omit<Reservation, 'status' | 'shortLines'>,
  reply: Envelope,
): Promise<HoldOutcome> {
  const { orderId, lines } = reservation
  const ordered = inLockOrder(lines)
  const step = (i: number) => sql.id(`held_${i}`)
  const holds = ordered.map(
    (line, i) => sql`${step(i)} as (
      update inventory.stock set reserved = reserved + ${line.quantity}, updated_at = now()
      where sku = ${line.sku} and on_hand - reserved >= ${line.quantity}
        and exists (select 1 from ${i === 0 ? sql`replied` : step(i - 1)})
      returning sku, product_id, on_hand, reserved, ${line.quantity}::int as quantity, ${i}::int as step
    )`,
  )
  const { rows } = await sql<{
    recorded: number
    sku: string | null
    product_id: string
    on_hand: number
    reserved: number
    quantity: number
  }>`
    with recorded as (
      insert into inventory.reservations (order_id, status, lines, expires_at)
      values (${orderId}, 'held', ${JSON.stringify(lines)}::jsonb, ${reservation.expiresAt})
      on conflict (order_id) do nothing
      returning order_id
    ),
    logged as (
      insert into inventory.movements (sku, on_hand_change, reserved_change, reason, order_id)
      select line.sku, 0, line.quantity, 'reserved', recorded.order_id
      from recorded, unnest(${lines.map((l) => l.sku)}::text[], ${lines.map((l) => l.quantity)}::int[]) as line (sku, quantity)
      returning order_id
    ),
    replied as (
      ${outboxInsert('inventory', [reply], sql`where exists (select 1 from logged) returning id`)}
    ),
    ${sql.join(holds)}
    select (select count(*)::int from recorded) as recorded, held.*
    from (select 1) as one
    left join (${sql.join(
      ordered.map((_, i) => sql`select * from ${step(i)}`),
      sql` union all `,
    )}) as held on true
    order by held.step`.execute(trx)
  return {
    recorded: rows[0]!.recorded === 1,
    held: rows.filter((row) => row.sku !== null).map((row) => changeOf(row.sku!, row, row.quantity)),
  }
}
