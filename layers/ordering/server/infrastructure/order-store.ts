import { sql, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
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

/** An order as the saga needs it, its items included, in one round trip; or undefined. */
export async function findOrder(db: Executor, orderId: string): Promise<OrderRecord | undefined> {
  const order = await db
    .selectFrom('orders')
    .select((eb) => [
      'id',
      'number',
      'user_id',
      'status',
      'version',
      'currency',
      'total',
      'payment_method',
      jsonArrayFrom(
        eb
          .selectFrom('order_items')
          .select(['sku', 'quantity'])
          .whereRef('order_items.order_id', '=', 'orders.id')
          .orderBy('line'),
      ).as('items'),
    ])
    .where('id', '=', orderId)
    .executeTakeFirst()
  if (!order) return undefined
  return {
    id: order.id,
    number: order.number,
    userId: order.user_id,
    status: order.status,
    version: order.version,
    currency: order.currency,
    total: order.total,
    paymentMethod: order.payment_method,
    items: order.items,
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

type Step = Omit<SagaStep, 'from'> & { from: OrderStatus | null }

/**
 * Moves an order the saga read at `version` and records the steps that took it there, in one
 * statement: false when another move got there first (the caller reads it again and reconsiders),
 * so no two moves are ever made from the same state.
 */
export async function moveOrder(
  trx: Trx,
  order: OrderRecord,
  changes: OrderChanges,
  steps: readonly [Step, ...Step[]],
): Promise<boolean> {
  const recorded = await trx
    .with('moved', (db) =>
      db
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
        .returning('id'),
    )
    .insertInto('order_status_history')
    .columns(['order_id', 'from_status', 'to_status', 'note'])
    .expression((eb) =>
      eb
        .selectFrom(['moved', stepRows(steps)])
        .select(['moved.id', 'step.from_status', 'step.to_status', 'step.note'])
        .orderBy('step.n'),
    )
    .executeTakeFirst()
  return recorded.numInsertedOrUpdatedRows === BigInt(steps.length)
}

/** The steps as rows numbered in order, so the history's ids follow them. */
const stepRows = (steps: readonly Step[]) =>
  sql<{
    n: number
    from_status: OrderStatus | null
    to_status: OrderStatus
    note: string
  }>`(select from_status, to_status, note, n from unnest(
    ${steps.map((step) => step.from)}::text[], ${steps.map((step) => step.to)}::text[], ${steps.map((step) => step.note)}::text[]
  ) with ordinality as s(from_status, to_status, note, n))`.as('step')

/** Records a new order's first steps in its status history, in order. */
export async function recordSteps(trx: Trx, orderId: string, steps: readonly Step[]): Promise<void> {
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
