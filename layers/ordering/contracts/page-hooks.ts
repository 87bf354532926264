/**
 * What ordering's pages announce in the browser, for other modules' parts of the page: a Nuxt hook
 * each, so ordering need not know who listens.
 */
declare module '#app' {
  interface RuntimeNuxtHooks {
    /**
     * The order page shows the customer's order Paid, as it opens or as the order gets there:
     * these lines leave the cart, if they have not yet.
     */
    'ordering:order-paid': (order: { orderId: string; lines: readonly { sku: string; quantity: number }[] }) => void
  }
}

export {}
