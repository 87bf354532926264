import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { OrderStatusChanged } from '../../contracts/events'
import { findOrder } from '../infrastructure/order-store'
import type { Ordering } from '../ordering'

/**
 * Takes a paid order's lines out of the customer's basket, and not before: a declined card leaves
 * the items for another try, and what the shopper added after checking out stays. The basket does
 * it once per order, so a redelivery needs no inbox.
 */
export const clearPaidBasketHandler = (ordering: () => Promise<Ordering>): MessageHandler => ({
  name: 'ordering.clear-paid-basket',
  messages: [OrderStatusChanged],
  async handle(envelope: Envelope) {
    const { newStatus, userId, orderId } = envelope.payload as z.output<typeof OrderStatusChanged.payload>
    if (newStatus !== 'Paid') return
    const context = await ordering()
    const order = await findOrder(context.db, orderId)
    if (!order) return
    await (await context.basket()).removeOrdered(userId, orderId, order.items)
  },
})
