import type { ColumnType, Generated, Kysely } from 'kysely'
import { schemaDb, type SqlPort } from '#kernel/sql/sql-port'
import { ORDERING_CONTEXT, type OrderStatus } from '../../contracts'
import type { Address } from '../domain/address'

export interface OrderingDatabase {
  orders: {
    id: string
    number: string
    user_id: string
    status: OrderStatus
    version: Generated<number>
    currency: string
    subtotal: number
    shipping: Generated<number>
    total: number
    /** jsonb: written as JSON text, read back parsed. */
    shipping_address: ColumnType<Address, string, string>
    billing_address: ColumnType<Address, string, string>
    payment_method: string
    payment_deadline_at: Date | null
    payment_action_url: string | null
    cancellation_reason: string | null
    carrier: string | null
    tracking_number: string | null
    idempotency_key: string | null
    request_hash: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  order_items: {
    order_id: string
    line: number
    sku: string
    product_id: string
    slug: string
    name: string
    variant_name: string | null
    image: string | null
    unit_price: number
    quantity: number
    line_total: number
  }
  order_status_history: {
    id: Generated<string>
    order_id: string
    from_status: OrderStatus | null
    to_status: OrderStatus
    note: string
    occurred_at: Generated<Date>
  }
}

export type OrderingDb = Kysely<OrderingDatabase>

export const orderingDb = (sql: SqlPort): OrderingDb => schemaDb<OrderingDatabase>(sql, ORDERING_CONTEXT)
