import type { OrderingModule } from '../contracts'
import { hasPurchased } from './features/has-purchased'
import { orderView } from './features/order-views'
import type { Ordering } from './ordering'

/** Ordering's in-process interface, over its features; the plugin registers it. */
export const orderingModule = (ordering: Promise<Ordering>): OrderingModule => ({
  hasPurchased: async (userId, productId) => hasPurchased(await ordering, userId, productId),
  async getOrder(orderId) {
    const order = await orderView(await ordering, 'admin', orderId)
    return order.ok ? order.value : undefined
  },
})
