import { z } from 'zod'
import { skuInput } from '#layers/catalog/contracts/api'

export const sku = skuInput
export const skuParams = z.object({ sku })
