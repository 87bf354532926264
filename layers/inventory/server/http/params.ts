import { z } from 'zod'
import { SKU_PATTERN } from '#layers/catalog/contracts'

export const sku = z.string().max(48).regex(SKU_PATTERN, 'is not a sku')
export const skuParams = z.object({ sku })
