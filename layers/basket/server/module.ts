import type { BasketModule } from '../contracts'
import type { Basket } from './basket'
import { viewBasket } from './features/view-basket'

/** The basket's in-process interface, over its features; the plugin registers it. */
export const basketModule = (basket: Promise<Basket>): BasketModule => ({
  getBasket: async (userId) => viewBasket(await basket, userId),
  removeOrdered: async (userId, orderId, lines) => {
    await (await basket).carts.removeOrdered(userId, orderId, lines)
  },
})
