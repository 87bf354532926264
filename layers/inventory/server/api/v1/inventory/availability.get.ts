import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { availabilityMapDto } from '#layers/inventory/contracts/api'
import { availability, MAX_AVAILABILITY_SKUS } from '#layers/inventory/server/features/availability'
import { sku } from '#layers/inventory/server/http/params'
import { useInventory } from '#layers/inventory/server/inventory'

export const contract = defineContract({
  summary: 'Whether skus are in stock',
  description: `In stock, only N left, or out of stock, for each sku named (\`?sku=A&sku=B\`, at most ${MAX_AVAILABILITY_SKUS}). A sku inventory does not count is out of stock.`,
  access: 'public',
  query: z.object({
    sku: z
      .union([sku, z.array(sku).min(1).max(MAX_AVAILABILITY_SKUS)])
      .transform((value) => [...new Set([value].flat())]),
  }),
  response: availabilityMapDto,
})

export default defineEventHandler(async (event) => {
  const { sku: skus } = readQuery(event, contract.query)
  return Object.fromEntries(await availability(await useInventory(), skus))
})
