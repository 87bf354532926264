import { sql, type Selectable } from 'kysely'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { ORDER_PAGE_SIZE } from '../../contracts'
import type {
  AdminOrderPageDto,
  OrderDto,
  OrderHistoryDto,
  OrderPageDto,
  OrderSummaryDto,
  OrderStatus,
} from '../../contracts'
import { customerActionsIn } from '../domain/order-actions'
import type { OrderingDatabase, OrderingDb } from '../infrastructure/database'
import type { Ordering } from '../ordering'

/** Who reads: a customer sees only their own orders, an admin every one. */
export type Reader = { userId: string } | 'admin'

/** Another customer's order is answered as if it did not exist, so order ids cannot be probed. */
export const NO_SUCH_ORDER = refuse(404, 'There is no such order.')

type OrderRow = Selectable<OrderingDatabase['orders']>

const summaryColumns = ['id', 'number', 'user_id', 'status', 'currency', 'total', 'created_at'] as const

async function readableOrder(db: OrderingDb, reader: Reader, orderId: string): Promise<OrderRow | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst()
  return row && (reader === 'admin' || row.user_id === reader.userId) ? row : undefined
}

/** An order with its lines, where it stands and what its customer may ask of it. */
export async function orderView(ordering: Ordering, reader: Reader, orderId: string): Promise<Result<OrderDto>> {
  const order = await readableOrder(ordering.db, reader, orderId)
  if (!order) return NO_SUCH_ORDER
  const [items, latest] = await Promise.all([
    ordering.db.selectFrom('order_items').selectAll().where('order_id', '=', orderId).orderBy('line').execute(),
    ordering.db
      .selectFrom('order_status_history')
      .select('note')
      .where('order_id', '=', orderId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ])
  const money = (amount: number) => ({ amount, currency: order.currency })
  return success({
    id: order.id,
    number: order.number,
    userId: order.user_id,
    status: order.status,
    statusNote: latest?.note ?? '',
    total: money(order.total),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    placedAt: order.created_at.toISOString(),
    updatedAt: order.updated_at.toISOString(),
    lines: items.map((item) => ({
      sku: item.sku,
      productId: item.product_id,
      slug: item.slug,
      name: item.name,
      variantName: item.variant_name,
      image: item.image,
      quantity: item.quantity,
      unitPrice: money(item.unit_price),
      lineTotal: money(item.line_total),
    })),
    subtotal: money(order.subtotal),
    shipping: money(order.shipping),
    shippingAddress: order.shipping_address,
    billingAddress: order.billing_address,
    cancellationReason: order.cancellation_reason,
    shipment:
      order.carrier && order.tracking_number ? { carrier: order.carrier, trackingNumber: order.tracking_number } : null,
    paymentActionUrl: order.status === 'PaymentPending' ? order.payment_action_url : null,
    paymentDueAt: order.payment_deadline_at?.toISOString() ?? null,
    actions: customerActionsIn(order.status),
  })
}

/** Every move of the order, oldest first. */
export async function orderHistory(
  ordering: Ordering,
  reader: Reader,
  orderId: string,
): Promise<Result<OrderHistoryDto>> {
  if (!(await readableOrder(ordering.db, reader, orderId))) return NO_SUCH_ORDER
  const steps = await ordering.db
    .selectFrom('order_status_history')
    .select(['from_status', 'to_status', 'note', 'occurred_at'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute()
  return success({
    steps: steps.map((step) => ({
      from: step.from_status,
      to: step.to_status,
      note: step.note,
      occurredAt: step.occurred_at.toISOString(),
    })),
  })
}

export interface OrderFilters {
  status?: OrderStatus
  /** Placed on or after, and before. */
  from?: Date
  to?: Date
  userId?: string
  /** An order number, whole or its start (`SO-1000`). */
  number?: string
  page: number
}

/** A page of orders, newest first: a customer's own, or (for admins) all that match the filters. */
export async function orderPage(
  ordering: Ordering,
  reader: Reader,
  filters: OrderFilters,
): Promise<OrderPageDto | AdminOrderPageDto> {
  let select = ordering.db.selectFrom('orders')
  if (reader !== 'admin') select = select.where('user_id', '=', reader.userId)
  else if (filters.userId) select = select.where('user_id', '=', filters.userId)
  if (filters.status) select = select.where('status', '=', filters.status)
  if (filters.from) select = select.where('created_at', '>=', filters.from)
  if (filters.to) select = select.where('created_at', '<', filters.to)
  if (filters.number) select = select.where('number', 'like', `${filters.number.replace(/[\\%_]/g, '\\$&')}%`)
  const [rows, count] = await Promise.all([
    select
      .select([
        ...summaryColumns,
        sql<string>`(select sum(quantity) from ordering.order_items i where i.order_id = orders.id)`.as('items'),
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(ORDER_PAGE_SIZE)
      .offset((filters.page - 1) * ORDER_PAGE_SIZE)
      .execute(),
    select.select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow(),
  ])
  const items = rows.map((row): OrderSummaryDto & { userId: string } => ({
    id: row.id,
    number: row.number,
    userId: row.user_id,
    status: row.status,
    total: { amount: row.total, currency: row.currency },
    itemCount: Number(row.items ?? 0),
    placedAt: row.created_at.toISOString(),
  }))
  return {
    items: reader === 'admin' ? items : items.map(({ userId: _userId, ...summary }) => summary),
    total: Number(count.total),
    page: filters.page,
    pageSize: ORDER_PAGE_SIZE,
  }
}
