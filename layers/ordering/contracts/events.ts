import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'
import { CANCELLATION_REASONS, ORDER_STATUSES } from './index'

/**
 * What ordering announces. Notifications and analytics listen; the saga's commands to inventory
 * and payment are theirs (`inventory/contracts/events`, `payment/contracts/events`).
 */

const orderId = z.uuid()
const userId = z.uuid()
const orderNumber = z.string().min(1).max(20)
const status = z.enum(ORDER_STATUSES)
const money = z.object({ amount: z.int().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) })

/** An order was placed: its lines as priced at that moment, and its total. */
export const OrderCreated = defineMessage(
  'ordering.order-created.v1',
  z.object({
    orderId,
    orderNumber,
    userId,
    lines: z
      .array(
        z.object({
          sku: z.string(),
          productId: z.string(),
          name: z.string(),
          variantName: z.string().nullable(),
          quantity: z.int().positive(),
          unitPrice: money,
          lineTotal: money,
        }),
      )
      .min(1),
    total: money,
  }),
)

/** Every move of an order, from one status to the next, with why. */
export const OrderStatusChanged = defineMessage(
  'ordering.order-status-changed.v1',
  z.object({
    orderId,
    orderNumber,
    userId,
    oldStatus: status,
    newStatus: status,
    reason: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
)

/** An order was cancelled, and why: what it reserved is released and what it paid refunded. */
export const OrderCancelled = defineMessage(
  'ordering.order-cancelled.v1',
  z.object({ orderId, orderNumber, userId, reason: z.enum(CANCELLATION_REASONS) }),
)
