import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'

/** Published whenever a product is created, changed or archived (caches, search, basket prices). */
export const ProductChanged = defineMessage(
  'catalog.product-changed.v1',
  z.object({
    productId: z.string(),
    sku: z.string(),
    slug: z.string(),
    status: z.enum(['draft', 'active', 'archived']),
    priceAmount: z.int(),
    currency: z.string().length(3),
    version: z.int(),
    /**
     * The skus it is sold by: its own, or its variants'. Absent from events published before it
     * was added, which describe products without variants.
     */
    skus: z.array(z.string()).optional(),
  }),
)

export type ProductChangedPayload = z.infer<typeof ProductChanged.payload>
