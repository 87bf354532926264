import { z } from 'zod'
import { money } from '#layers/catalog/contracts/api'

/**
 * The basket's HTTP API, as the zod schemas its answers follow: /api/openapi.json
 * describes them, and the types in index.ts are inferred from them.
 */

export const basketLineDto = z
  .object({
    sku: z.string(),
    productId: z.string(),
    slug: z.string(),
    name: z.string(),
    /** "M / Camel", or null for a product without variants. */
    variantName: z.string().nullable(),
    image: z.string().nullable(),
    quantity: z.int(),
    /** The catalog's price now. */
    unitPrice: money,
    /** The price the shopper saw when adding the line. */
    addedPrice: money,
    priceChanged: z.boolean(),
    lineTotal: money,
    /** False once the product is archived or its variant no longer sold: it is not counted in the totals. */
    available: z.boolean(),
  })
  .meta({ id: 'BasketLine' })

export const basketDto = z
  .object({
    lines: z.array(basketLineDto),
    /** Items of the lines that can be bought, for the header's badge. */
    itemCount: z.int(),
    /** One total per currency, of the lines that can be bought. */
    totals: z.array(money),
  })
  .meta({ id: 'Basket' })
