import { z } from 'zod'
import { parseConfig } from '#kernel/config/settings'

export const inventorySettingsSchema = z.object({
  /**
   * What a sku the catalog creates starts with: `none` (a real shop counts what it receives) or
   * `demo` (a plausible count per sku, some low or sold out). Unset, the shop that seeds the demo
   * catalog (the embedded document store) gets demo stock, any other none.
   */
  inventoryStartingStock: z.enum(['demo', 'none'], { message: 'must be demo or none' }).optional(),
  /**
   * How long an order's hold lasts unless the order pays or is cancelled first: longer than the
   * checkout's payment timeout, so it only catches a checkout that never finished.
   */
  inventoryHoldMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
})

export type InventorySettings = z.infer<typeof inventorySettingsSchema>

export const parseInventorySettings = (raw: Record<string, unknown>): InventorySettings =>
  parseConfig(inventorySettingsSchema, raw)
