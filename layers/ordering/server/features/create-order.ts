import { sql } from 'kysely'
import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import { withOutbox } from '#kernel/messaging/outbox'
import type { SkuSnapshot } from '#layers/catalog/contracts'
import { refuse, success, type Result } from '#kernel/contracts/result'
import { ORDERING_CONTEXT, type PlacedOrderDto } from '../../contracts'
import { OrderCreated } from '../../contracts/events'
import type { Address } from '../domain/address'
import { started } from '../domain/checkout-saga'
import type { OrderRecord } from '../infrastructure/order-store'
import { recordSteps } from '../infrastructure/order-store'
import type { Ordering } from '../ordering'
import { deliveryCharge } from '../../shared/delivery'
import { sagaMessages } from './saga-commands'

/** A line as the catalog priced it when the order was placed; amounts in minor units. */
export type PricedLine = Pick<SkuSnapshot, 'sku' | 'productId' | 'slug' | 'name' | 'variantName' | 'image'> & {
  unitPrice: number
  quantity: number
}

export interface NewOrder {
  id: string
  userId: string
  currency: string
  lines: PricedLine[]
  shippingAddress: Address
  billingAddress: Address
  paymentMethod: string
  idempotencyKey?: string
  requestHash?: string
  /** The total the customer was shown, in minor units: a different one now refuses the order. */
  expectedTotal?: number
}

/** Another request with the same idempotency key placed its order first. */
export const KEY_TAKEN = refuse(409, 'An order was already placed with this Idempotency-Key.', {
  code: 'idempotency-key-taken',
})

/**
 * Saves an order, its items, its first statuses and `ordering.order-created.v1` in one
 * transaction, and starts its saga: the first command (reserve its stock) leaves in the same
 * commit, so an order is never saved without its saga under way, nor the other way round.
 * Standard delivery is charged on its subtotal. A key another order holds refuses with
 * `KEY_TAKEN` and saves nothing.
 */
export async function createOrder(
  ordering: Ordering,
  order: NewOrder,
  cause: Causation = {},
): Promise<Result<PlacedOrderDto>> {
  const lines = order.lines.map((line, i) => ({ ...line, line: i + 1, lineTotal: line.unitPrice * line.quantity }))
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0)
  const shipping = deliveryCharge(subtotal)
  const total = subtotal + shipping
  if (order.expectedTotal !== undefined && order.expectedTotal !== total)
    return refuse(409, 'Prices have changed since you looked: check the new total, then place your order again.', {
      code: 'total-changed',
    })
  const saga = started()
  const status = saga.steps.at(-1)!.to
  return withOutbox(ordering.db, ORDERING_CONTEXT, async (trx, emit) => {
    const { rows } = await sql<{ number: string }>`
      select 'SO-' || nextval('ordering.order_numbers') as number`.execute(trx)
    const number = rows[0]!.number
    const inserted = await trx
      .insertInto('orders')
      .values({
        id: order.id,
        number,
        user_id: order.userId,
        status,
        currency: order.currency,
        subtotal,
        shipping,
        total,
        shipping_address: JSON.stringify(order.shippingAddress),
        billing_address: JSON.stringify(order.billingAddress),
        payment_method: order.paymentMethod,
        idempotency_key: order.idempotencyKey ?? null,
        request_hash: order.requestHash ?? null,
      })
      .onConflict((conflict) => conflict.columns(['user_id', 'idempotency_key']).doNothing())
      .executeTakeFirst()
    if (inserted.numInsertedOrUpdatedRows === 0n) return KEY_TAKEN
    await trx
      .insertInto('order_items')
      .values(
        lines.map((line) => ({
          order_id: order.id,
          line: line.line,
          sku: line.sku,
          product_id: line.productId,
          slug: line.slug,
          name: line.name,
          variant_name: line.variantName,
          image: line.image,
          unit_price: line.unitPrice,
          quantity: line.quantity,
          line_total: line.lineTotal,
        })),
      )
      .execute()
    await recordSteps(trx, order.id, [{ from: null, to: 'Created', note: 'Order placed' }, ...saga.steps])

    const money = (amount: number) => ({ amount, currency: order.currency })
    emit(
      createEnvelope(
        OrderCreated,
        {
          orderId: order.id,
          orderNumber: number,
          userId: order.userId,
          lines: lines.map((line) => ({
            sku: line.sku,
            productId: line.productId,
            name: line.name,
            variantName: line.variantName,
            quantity: line.quantity,
            unitPrice: money(line.unitPrice),
            lineTotal: money(line.lineTotal),
          })),
          total: money(total),
        },
        cause,
      ),
    )
    const record: OrderRecord = {
      id: order.id,
      number,
      userId: order.userId,
      status,
      version: 1,
      currency: order.currency,
      total,
      paymentMethod: order.paymentMethod,
      items: lines.map(({ sku, quantity }) => ({ sku, quantity })),
    }
    for (const message of sagaMessages(saga, record, cause)) emit(message)
    return success({ orderId: order.id, orderNumber: number, status })
  })
}
