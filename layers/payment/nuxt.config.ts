// STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY and STRIPE_API_URL, validated at
// start-up by server/config/payment-settings.ts. Without a secret key the simulated gateway takes payments.
export default defineNuxtConfig({
  $meta: { name: 'payment' },
  nitro: { scheduledTasks: { '*/5 * * * *': ['payment:reconcile'] } },
  runtimeConfig: { stripeSecretKey: '', stripeWebhookSecret: '', stripePublishableKey: '', stripeApiUrl: '' },
})
