import { sql } from 'kysely'
import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { singleLine } from '#kernel/contracts/text'
import { withOutbox } from '#kernel/messaging/outbox'
import { INVENTORY_CONTEXT } from '../../contracts'
import type { Inventory } from '../inventory'
import { logMovements } from '../infrastructure/stock-store'
import { availabilityEvents } from './availability-events'
import { notCounted, stockDetail, type StockDetail } from './stock-view'

const MAX_UNITS = 1_000_000

/** Why an admin changes stock: a delivery came in, or a count, damage or loss corrects it. */
const adminReason = z.enum(['received', 'adjusted'])
const note = singleLine().max(200).optional()

export const setStockInput = z
  .object({
    onHand: z.int('must be a whole number').min(0, 'must be at least 0').max(MAX_UNITS),
    reason: adminReason.default('adjusted'),
    note,
  })
  .meta({ id: 'SetStock' })

export const adjustStockInput = z
  .object({
    change: z
      .int('must be a whole number')
      .min(-MAX_UNITS)
      .max(MAX_UNITS)
      .refine((n) => n !== 0, 'must not be 0'),
    reason: adminReason,
    note,
  })
  .meta({ id: 'AdjustStock' })

type Change = { to: number } | { by: number }

/**
 * Sets or adjusts a sku's units on hand as an admin says, logged with who and why. On hand can
 * never fall under what orders hold: those units are promised, so the change is refused and
 * nothing moves.
 */
export async function changeStock(
  inventory: Inventory,
  adminId: string,
  sku: string,
  change: Change,
  why: { reason: 'received' | 'adjusted'; note?: string },
): Promise<Result<StockDetail>> {
  const changed: Result<true> = await withOutbox(inventory.db, INVENTORY_CONTEXT, async (trx, emit) => {
    const row = await trx
      .selectFrom('stock')
      .select(['product_id', 'on_hand', 'reserved'])
      .where('sku', '=', sku)
      .forUpdate()
      .executeTakeFirst()
    if (!row) return notCounted(sku)
    const onHand = 'to' in change ? change.to : row.on_hand + change.by
    if (onHand < row.reserved)
      return refuse(409, `${row.reserved} of ${sku} are held by orders, so at least that many must stay on hand.`, {
        code: 'held-by-orders',
        errors: [
          {
            field: 'to' in change ? 'onHand' : 'change',
            message: `would leave fewer on hand than the ${row.reserved} held`,
          },
        ],
      })
    if (onHand > MAX_UNITS) return refuse(422, `At most ${MAX_UNITS} of a sku can be on hand.`)
    const delta = onHand - row.on_hand
    if (delta === 0) return success(true)
    await trx
      .updateTable('stock')
      .set({ on_hand: onHand, updated_at: sql`now()` })
      .where('sku', '=', sku)
      .execute()
    await logMovements(trx, [
      { sku, onHandChange: delta, reservedChange: 0, reason: why.reason, adminId, note: why.note ?? null },
    ])
    const available = row.on_hand - row.reserved
    for (const event of availabilityEvents(
      [{ sku, productId: row.product_id, availableBefore: available, availableAfter: available + delta }],
      {},
    ))
      emit(event)
    return success(true)
  })
  return changed.ok ? stockDetail(inventory, sku) : changed
}
