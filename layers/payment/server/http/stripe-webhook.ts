export const STRIPE_WEBHOOK_PATH = '/api/v1/payments/webhooks/stripe'

/** Stripe's events about intents and refunds are a few KiB; anything far larger is not from Stripe. */
export const STRIPE_WEBHOOK_MAX_BYTES = 256 * 1024
