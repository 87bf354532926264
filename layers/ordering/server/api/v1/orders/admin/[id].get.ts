import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderDto } from '#layers/ordering/contracts/api'
import { orderView } from '#layers/ordering/server/features/order-views'
import { orderParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Any order',
  access: 'admin',
  params: orderParams,
  response: orderDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  return valueOrProblem(event, await orderView(await useOrdering(), 'admin', id))
})
