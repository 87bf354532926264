/**
 * What ordering's pages announce in the browser, for other modules' parts of the page: a Nuxt hook
 * each, so ordering need not know who listens.
 */
declare module '#app' {
  interface RuntimeNuxtHooks {
    /** The order page saw the customer's order reach Paid: these lines are leaving the cart. */
    'ordering:order-paid': (order: { orderId: string; lines: readonly { sku: string; quantity: number }[] }) => void
  }
}

export {}
