import type { Pinia } from 'pinia'
import type {} from '#layers/ordering/contracts/page-hooks'
import { useBasketStore } from '../stores/basket'

/** How long after Paid the cart is read again: the order's lines leave it a moment after the payment. */
const SETTLE_MS = 2_000

/**
 * The header's badge follows a paid order out of the cart: read the cart when the order page sees
 * Paid, and once more a moment later, as the lines may leave just after the page hears of it.
 */
export default defineNuxtPlugin({
  name: 'basket:paid-order',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const basket = useBasketStore(nuxtApp.$pinia as Pinia)
    const reload = () =>
      basket.load().catch((error: unknown) => console.warn('The cart could not be read again.', error))
    nuxtApp.hook('ordering:order-paid', () => {
      void reload()
      setTimeout(reload, SETTLE_MS)
    })
  },
})
