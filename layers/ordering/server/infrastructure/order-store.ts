import { sql, type Transaction } from 'kysely'
import type { OrderStatus } from '../../contracts'
import type { SagaStep } from '../domain/checkout-saga'
import type { OrderingDatabase, OrderingDb } from './database'

type Trx = Transaction<OrderingDatabase>
type Executor = OrderingDb | Trx

export interface OrderRecord {
  id: string
  number: string
  userId: string
  status: OrderStatus
  version: number
  currency: string
  total: number
  paymentMethod: string
  items: { sku: string; quantity: number }[]
}

/** An order as the saga needs it, or undefined. */
export async function findOrder(db: Executor, orderId: string): Promise<OrderRecord | undefined> {
  const order = await db
    .selectFrom('orders')
    .select(['id', 'number', 'user_id', 'status', 'version', 'currency', 'total', 'payment_method'])
    .where('id', '=', orderId)
    .executeTakeFirst()
  if (!order) return undefined
  const items = await db
    .selectFrom('order_items')
    .select(['sku', 'quantity'])
    .where('order_id', '=', orderId)
    .orderBy('line')
    .execute()
  return {
    id: order.id,
    number: order.number,
    userId: order.user_id,
    status: order.status,
    version: order.version,
    currency: order.currency,
    total: order.total,
    paymentMethod: order.payment_method,
    items,
  }
}

/** What a move changes besides the status. */
export interface OrderChanges {
  status: OrderStatus
  paymentDeadlineAt?: Date | null
  cancellationReason?: string
  carrier?: string
  trackingNumber?: string
}

/**
 * Moves an order the saga read at `version`: false when another move got there first (the
 * caller reads it again and reconsiders), so no two moves are ever made from the same state.
 */
export async function moveOrder(trx: Trx, order: OrderRecord, changes: OrderChanges): Promise<boolean> {
  const moved = await trx
    .updateTable('orders')
    .set({
      status: changes.status,
      version: order.version + 1,
      updated_at: sql`now()`,
      ...(changes.paymentDeadlineAt !== undefined && { payment_deadline_at: changes.paymentDeadlineAt }),
      ...(changes.cancellationReason !== undefined && { cancellation_reason: changes.cancellationReason }),
      ...(changes.carrier !== undefined && { carrier: changes.carrier }),
      ...(changes.trackingNumber !== undefined && { tracking_number: changes.trackingNumber }),
    })
    .where('id', '=', order.id)
    .where('version', '=', order.version)
    .executeTakeFirst()
  return moved.numUpdatedRows === 1n
}

/** Records each step in the order's status history, in order. */
export async function recordSteps(
  trx: Trx,
  orderId: string,
  steps: readonly (Omit<SagaStep, 'from'> & { from: OrderStatus | null })[],
): Promise<void> {
  if (!steps.length) return
  await trx
    .insertInto('order_status_history')
    .values(steps.map((step) => ({ order_id: orderId, from_status: step.from, to_status: step.to, note: step.note })))
    .execute()
}

/** Orders whose payment deadline has passed, oldest first. */
export async function overduePayments(db: OrderingDb, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('payment_deadline_at', '<=', sql<Date>`now()`)
    .orderBy('payment_deadline_at')
    .limit(limit)
    .execute()
  return rows.map((row) => row.id)
}
