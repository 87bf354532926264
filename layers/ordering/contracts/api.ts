import { z } from 'zod'
import { money } from '#layers/catalog/contracts/api'
import { CUSTOMER_ACTIONS, ORDER_STATUSES } from './index'

/**
 * Ordering's HTTP API, as the zod schemas its answers follow: /api/openapi.json describes them,
 * and the types in index.ts are inferred from them.
 */

export const orderStatus = z.enum(ORDER_STATUSES).meta({ id: 'OrderStatus' })

export const addressDto = z
  .object({
    fullName: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string(),
    country: z.string().meta({ description: 'ISO 3166-1 alpha-2.' }),
    phone: z.string().nullable(),
  })
  .meta({ id: 'Address' })

export const orderLineDto = z
  .object({
    sku: z.string(),
    productId: z.string(),
    slug: z.string(),
    name: z.string(),
    variantName: z.string().nullable(),
    image: z.string().nullable(),
    quantity: z.int(),
    /** The catalog's price when the order was placed. */
    unitPrice: money,
    lineTotal: money,
  })
  .meta({ id: 'OrderLine' })

export const placedOrderDto = z
  .object({ orderId: z.uuid(), orderNumber: z.string(), status: orderStatus })
  .meta({ id: 'PlacedOrder' })

export const orderSummaryDto = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: orderStatus,
    total: money,
    itemCount: z.int(),
    placedAt: z.iso.datetime(),
  })
  .meta({ id: 'OrderSummary' })

export const orderDto = orderSummaryDto
  .extend({
    userId: z.uuid(),
    updatedAt: z.iso.datetime(),
    lines: z.array(orderLineDto),
    subtotal: money,
    shipping: money,
    shippingAddress: addressDto,
    billingAddress: addressDto,
    statusNote: z
      .string()
      .meta({ description: 'Why the order is where it is ("Payment failed: your card was declined").' }),
    cancellationReason: z.string().nullable(),
    shipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
    paymentActionUrl: z
      .string()
      .nullable()
      .meta({ description: 'Where the customer authenticates the payment, while the order waits for it.' }),
    paymentDueAt: z.iso.datetime().nullable().meta({ description: 'When an unpaid order is cancelled.' }),
    actions: z
      .array(z.enum(CUSTOMER_ACTIONS))
      .meta({ description: 'What the customer may ask of the order in its state.' }),
  })
  .meta({ id: 'Order' })

export const orderPageDto = z
  .object({ items: z.array(orderSummaryDto), total: z.int(), page: z.int(), pageSize: z.int() })
  .meta({ id: 'OrderPage' })

export const adminOrderSummaryDto = orderSummaryDto.extend({ userId: z.uuid() }).meta({ id: 'AdminOrderSummary' })

export const adminOrderPageDto = z
  .object({ items: z.array(adminOrderSummaryDto), total: z.int(), page: z.int(), pageSize: z.int() })
  .meta({ id: 'AdminOrderPage' })

export const orderStepDto = z
  .object({
    from: orderStatus.nullable(),
    to: orderStatus,
    note: z.string(),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: 'OrderStep' })

export const orderHistoryDto = z.object({ steps: z.array(orderStepDto) }).meta({ id: 'OrderHistory' })
