// ORDER_PAYMENT_TIMEOUT_SECONDS (default 900), validated at start-up by server/config/ordering-settings.ts.
export default defineNuxtConfig({
  $meta: { name: 'ordering' },
  nitro: { scheduledTasks: { '*/10 * * * * *': ['ordering:payment-timeouts'] } },
  runtimeConfig: { orderPaymentTimeoutSeconds: '' },
})
