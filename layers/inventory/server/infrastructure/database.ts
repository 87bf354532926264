import type { ColumnType, Generated, Kysely } from 'kysely'
import { schemaDb, type SqlPort } from '#kernel/sql/sql-port'
import { INVENTORY_CONTEXT, type MovementReason } from '../../contracts'
import type { ShortLine, StockLine } from '../domain/short-lines'

export type ReservationStatus = 'held' | 'failed' | 'released' | 'committed' | 'restocked'

export interface InventoryDatabase {
  stock: {
    sku: string
    product_id: string
    on_hand: number
    reserved: Generated<number>
    updated_at: Generated<Date>
  }
  reservations: {
    order_id: string
    status: ReservationStatus
    /** jsonb: written as JSON text (pg would send an array as a Postgres array), read back parsed. */
    lines: ColumnType<StockLine[], string, string>
    short_lines: ColumnType<ShortLine[] | null, string | null, string | null>
    expires_at: Date
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  movements: {
    id: Generated<string>
    sku: string
    on_hand_change: number
    reserved_change: number
    reason: MovementReason
    order_id: string | null
    admin_id: string | null
    note: string | null
    occurred_at: Generated<Date>
  }
}

export type InventoryDb = Kysely<InventoryDatabase>

export const inventoryDb = (sql: SqlPort): InventoryDb => schemaDb<InventoryDatabase>(sql, INVENTORY_CONTEXT)
