import { sql, type Transaction } from 'kysely'
import type { MovementReason } from '../../contracts'
import type { InventoryDatabase, InventoryDb } from './database'

type Trx = Transaction<InventoryDatabase>

/** A sku's stock after a change, and how many units it had available before. */
export interface StockChange {
  sku: string
  productId: string
  availableBefore: number
  availableAfter: number
}

export interface Movement {
  sku: string
  onHandChange: number
  reservedChange: number
  reason: MovementReason
  orderId?: string | null
  adminId?: string | null
  note?: string | null
}

/** Applies a change the caller has checked is allowed (a release, a shipment, a restock). */
export async function changeUnits(
  trx: Trx,
  sku: string,
  { onHand, reserved }: { onHand: number; reserved: number },
): Promise<StockChange | undefined> {
  const row = await trx
    .updateTable('stock')
    .set({
      on_hand: sql`on_hand + ${onHand}`,
      reserved: sql`reserved + ${reserved}`,
      updated_at: sql`now()`,
    })
    .where('sku', '=', sku)
    .returning(['product_id', 'on_hand', 'reserved'])
    .executeTakeFirst()
  return row && changeOf(sku, row, reserved - onHand)
}

/** A sku's stock row after a change that took `availableDrop` units from what was available. */
const changeOf = (
  sku: string,
  row: { product_id: string; on_hand: number; reserved: number },
  availableDrop: number,
): StockChange => ({
  sku,
  productId: row.product_id,
  availableAfter: row.on_hand - row.reserved,
  availableBefore: row.on_hand - row.reserved + availableDrop,
})

export async function logMovements(trx: Trx, movements: readonly Movement[]): Promise<void> {
  if (!movements.length) return
  await trx
    .insertInto('movements')
    .values(
      movements.map((m) => ({
        sku: m.sku,
        on_hand_change: m.onHandChange,
        reserved_change: m.reservedChange,
        reason: m.reason,
        order_id: m.orderId ?? null,
        admin_id: m.adminId ?? null,
        note: m.note ?? null,
      })),
    )
    .execute()
}

/** Units available now (on hand, less what orders hold) of each sku inventory tracks. */
export async function availableUnits(db: InventoryDb | Trx, skus: readonly string[]): Promise<Map<string, number>> {
  if (!skus.length) return new Map()
  const rows = await db
    .selectFrom('stock')
    .select(['sku', sql<number>`on_hand - reserved`.as('available')])
    .where('sku', 'in', skus)
    .execute()
  return new Map(rows.map((row) => [row.sku, row.available]))
}
