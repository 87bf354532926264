import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { stockDetailDto } from '#layers/inventory/contracts/api'
import { adjustStockInput, changeStock } from '#layers/inventory/server/features/change-stock'
import { skuParams } from '#layers/inventory/server/http/params'
import { useInventory } from '#layers/inventory/server/inventory'

export const contract = defineContract({
  summary: 'Add or take away units on hand',
  description:
    'A delivery received (+) or a correction (damage, loss, a recount: + or −), with why. Never fewer on hand than orders hold (409).',
  access: 'admin',
  params: skuParams,
  body: adjustStockInput,
  response: stockDetailDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  const admin = await requireRole(event, 'Admin')
  const { sku } = readParams(event, contract.params)
  const { change, reason, note } = await readJson(event, contract.body)
  return valueOrProblem(
    event,
    await changeStock(await useInventory(), admin.userId, sku, { by: change }, { reason, note }),
  )
})
