import { z } from 'zod'
import { parseConfig, urlWithProtocol } from '#kernel/config/settings'

export const paymentSettingsSchema = z
  .object({
    /** `sk_live_…` or `sk_test_…`: payments go through Stripe. Unset: the simulated gateway. */
    stripeSecretKey: z
      .string()
      .regex(/^(sk|rk)_(live|test)_\w+$/, 'must be a Stripe secret key (sk_…)')
      .optional(),
    /** `whsec_…`: what Stripe signs the webhook's events with. */
    stripeWebhookSecret: z
      .string()
      .regex(/^whsec_\w+$/, 'must be a webhook signing secret (whsec_…)')
      .optional(),
    /** `pk_…`: for Stripe's Payment Element on the checkout page. */
    stripePublishableKey: z
      .string()
      .regex(/^pk_(live|test)_\w+$/, 'must be a publishable key (pk_…)')
      .optional(),
    /** Another API host that answers like Stripe (stripe-mock, a test server); Stripe's own when unset. */
    stripeApiUrl: urlWithProtocol(['http:', 'https:']).optional(),
  })
  .refine((s) => !s.stripeSecretKey || (s.stripeWebhookSecret && s.stripePublishableKey), {
    path: ['stripeSecretKey'],
    message: 'needs STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY beside it',
  })

export type PaymentSettings = z.infer<typeof paymentSettingsSchema>

export const parsePaymentSettings = (raw: Record<string, unknown>): PaymentSettings =>
  parseConfig(paymentSettingsSchema, raw)
