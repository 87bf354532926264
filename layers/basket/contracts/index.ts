import type { z } from 'zod'
import { moduleToken } from '#kernel/contracts/module'
import type * as api from './api'

/**
 * The public face of the basket context: the only module other layers may import. This file holds
 * what the browser needs too (limits, types), so it loads no zod; the API's schemas are in api.ts.
 * Its name is also its Postgres schema, queue prefix and task prefix; its Redis keys are the seed's
 * `cart:{userId}` and `cart:{guestId}`, and `cart:{userId}:ordered:{orderId}` marks a paid order's lines taken out.
 */
export const BASKET_CONTEXT = 'basket' as const

// Limits the API enforces and the pages offer, in one place for both.
/** Of one line: enough for any household, few enough that a typo (999) is caught. */
export const MAX_LINE_QUANTITY = 99
/** Distinct lines per cart: bounds what every view of the cart prices. */
export const MAX_LINES = 50
/** A cart nobody touches for a week is gone; every change starts the week again. */
export const CART_TTL_SECONDS = 7 * 24 * 60 * 60

export type BasketDto = z.infer<typeof api.basketDto>
export type BasketLineDto = z.infer<typeof api.basketLineDto>

/** What other contexts may ask the basket in-process (ordering turns a customer's basket into an order). */
export interface BasketModule {
  /** The customer's basket, every line priced by the catalog now. An unknown user has an empty one. */
  getBasket(userId: string): Promise<BasketDto>
  /**
   * Takes a paid order's lines out of the customer's basket: each line less what was ordered, so
   * what they added since stays. Once per order, however often it is asked.
   */
  removeOrdered(userId: string, orderId: string, lines: readonly { sku: string; quantity: number }[]): Promise<void>
}
export const BasketModule = moduleToken<BasketModule>(BASKET_CONTEXT)
