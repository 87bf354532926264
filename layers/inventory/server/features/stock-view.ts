import { sql, type Selectable } from 'kysely'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { LOW_STOCK_THRESHOLD } from '../../contracts'
import type { z } from 'zod'
import type { movementDto, stockDetailDto, stockDto, stockPageDto } from '../../contracts/api'
import { availabilityOf } from '../domain/availability'
import type { InventoryDatabase } from '../infrastructure/database'
import type { Inventory } from '../inventory'

export const STOCK_PAGE_SIZE = 50
export const MAX_STOCK_PAGE = 1_000
const LATEST_MOVEMENTS = 50

export type StockFilter = 'all' | 'low' | 'out'
export type StockDetail = z.infer<typeof stockDetailDto>

const stockOf = (row: Selectable<InventoryDatabase['stock']>): z.infer<typeof stockDto> => ({
  sku: row.sku,
  productId: row.product_id,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.on_hand - row.reserved,
  availability: availabilityOf(row.on_hand - row.reserved),
  updatedAt: row.updated_at.toISOString(),
})

/** Stock by sku for admins: all, or what is running low or sold out (fewest left first). */
export async function stockPage(
  inventory: Inventory,
  query: { filter: StockFilter; sku?: string; page: number },
): Promise<z.infer<typeof stockPageDto>> {
  let select = inventory.db.selectFrom('stock')
  if (query.filter === 'out') select = select.where(sql<boolean>`on_hand - reserved <= 0`)
  if (query.filter === 'low')
    select = select.where(sql<boolean>`on_hand - reserved between 1 and ${LOW_STOCK_THRESHOLD}`)
  if (query.sku) select = select.where('sku', 'like', `${query.sku.replace(/[\\%_]/g, '\\$&')}%`)
  const [rows, count] = await Promise.all([
    select
      .selectAll()
      .orderBy(query.filter === 'all' ? sql`sku` : sql`on_hand - reserved`)
      .orderBy('sku')
      .limit(STOCK_PAGE_SIZE)
      .offset((query.page - 1) * STOCK_PAGE_SIZE)
      .execute(),
    select.select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ])
  return { items: rows.map(stockOf), total: Number(count.total), page: query.page, pageSize: STOCK_PAGE_SIZE }
}

const movementOf = (row: Selectable<InventoryDatabase['movements']>): z.infer<typeof movementDto> => ({
  id: String(row.id),
  onHandChange: row.on_hand_change,
  reservedChange: row.reserved_change,
  reason: row.reason,
  orderId: row.order_id,
  adminId: row.admin_id,
  note: row.note,
  occurredAt: row.occurred_at.toISOString(),
})

/** One sku's stock and its latest movements. */
export async function stockDetail(inventory: Inventory, sku: string): Promise<Result<StockDetail>> {
  const [stock, movements] = await Promise.all([
    inventory.db.selectFrom('stock').selectAll().where('sku', '=', sku).executeTakeFirst(),
    inventory.db
      .selectFrom('movements')
      .selectAll()
      .where('sku', '=', sku)
      .orderBy('id', 'desc')
      .limit(LATEST_MOVEMENTS)
      .execute(),
  ])
  if (!stock) return notCounted(sku)
  return success({ ...stockOf(stock), movements: movements.map(movementOf) })
}

export const notCounted = (sku: string) =>
  refuse(
    404,
    `Inventory does not count the sku ${sku}: it is not in the catalog, or the catalog has not told inventory yet.`,
    {
      code: 'unknown-sku',
    },
  )
