import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { stockPageDto } from '#layers/inventory/contracts/api'
import { MAX_STOCK_PAGE, stockPage } from '#layers/inventory/server/features/stock-view'
import { useInventory } from '#layers/inventory/server/inventory'

export const contract = defineContract({
  summary: 'Stock by sku',
  description:
    'Every counted sku (by sku), or those running `low` or `out` of stock (fewest available first); `sku` narrows to skus starting with it.',
  access: 'admin',
  query: z.object({
    filter: z.enum(['all', 'low', 'out']).default('all'),
    sku: z
      .string()
      .max(48)
      .regex(/^[A-Za-z0-9-]*$/, 'may hold only letters, digits and hyphens')
      .transform((value) => value.toUpperCase())
      .optional(),
    page: z.coerce.number().int().min(1).max(MAX_STOCK_PAGE).default(1),
  }),
  response: stockPageDto,
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  return stockPage(await useInventory(), readQuery(event, contract.query))
})
