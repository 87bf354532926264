// ORDER_PAYMENT_TIMEOUT_SECONDS (default 900), validated at start-up by server/config/ordering-settings.ts.
export default defineNuxtConfig({
  $meta: { name: 'ordering' },
  // One shopper's checkout and orders: no browser history cache, proxy or CDN may keep them.
  routeRules: {
    '/checkout': { headers: { 'cache-control': 'private, no-store' } },
    '/account/orders/**': { headers: { 'cache-control': 'private, no-store' } },
  },
  nitro: { scheduledTasks: { '*/10 * * * * *': ['ordering:payment-timeouts'] } },
  runtimeConfig: { orderPaymentTimeoutSeconds: '' },
})
