import { z } from 'zod'
import { parseConfig } from '#kernel/config/settings'

export const orderingSettingsSchema = z.object({
  /**
   * How long an order whose stock is held waits for its payment (a customer authenticating with
   * their bank) before it is cancelled and its stock released. Seconds, so tests can use a few.
   */
  orderPaymentTimeoutSeconds: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60 * 60)
    .default(15 * 60),
})

export type OrderingSettings = z.infer<typeof orderingSettingsSchema>

export const parseOrderingSettings = (raw: Record<string, unknown>): OrderingSettings =>
  parseConfig(orderingSettingsSchema, raw)
