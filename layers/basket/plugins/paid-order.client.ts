import type { Pinia } from 'pinia'
import type {} from '#layers/ordering/contracts/page-hooks'
import type { BasketDto } from '../contracts'
import { useBasketStore } from '../stores/basket'

/**
 * When the cart is read after Paid: the lines leave it when the basket hears of the payment, which
 * may be before or after the order page does, and later still when the bus is busy.
 */
const READ_AFTER_MS = [0, 1_000, 2_000, 4_000, 8_000, 15_000]

type Ordered = readonly { sku: string; quantity: number }[]

/**
 * Whether the order's lines are still all in the cart, that is, not yet taken out: they leave
 * together, so one line holding less than was ordered says they have gone.
 */
function stillHolds(basket: BasketDto, ordered: Ordered): boolean {
  const held = new Map(basket.lines.map((line) => [line.sku, line.quantity]))
  return ordered.every((line) => (held.get(line.sku) ?? 0) >= line.quantity)
}

/**
 * The header's badge follows a paid order out of the cart: when the order page sees Paid, read
 * the cart until the order's lines have left it, backing off, and give up after the last read.
 */
export default defineNuxtPlugin({
  name: 'basket:paid-order',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const basket = useBasketStore(nuxtApp.$pinia as Pinia)
    async function follow(ordered: Ordered, attempt = 0) {
      const delay = READ_AFTER_MS[attempt]
      if (delay === undefined) return
      await new Promise((resolve) => setTimeout(resolve, delay))
      try {
        await basket.load()
        if (basket.basket && !stillHolds(basket.basket, ordered)) return
      } catch (error) {
        console.warn('The cart could not be read again.', error)
      }
      await follow(ordered, attempt + 1)
    }
    nuxtApp.hook('ordering:order-paid', ({ lines }) => {
      void follow(lines)
    })
  },
})
