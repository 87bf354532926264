import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { stockDetailDto } from '#layers/inventory/contracts/api'
import { stockDetail } from '#layers/inventory/server/features/stock-view'
import { skuParams } from '#layers/inventory/server/http/params'
import { useInventory } from '#layers/inventory/server/inventory'

export const contract = defineContract({
  summary: "A sku's stock and its latest movements",
  access: 'admin',
  params: skuParams,
  response: stockDetailDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { sku } = readParams(event, contract.params)
  return valueOrProblem(event, await stockDetail(await useInventory(), sku))
})
