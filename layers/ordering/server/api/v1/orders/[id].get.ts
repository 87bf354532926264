import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderDto } from '#layers/ordering/contracts/api'
import { orderView } from '#layers/ordering/server/features/order-views'
import { orderParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'One of your orders',
  description:
    'Its lines, totals, addresses, where it stands and why, and what you may ask of it now. Another customer’s order is a 404.',
  access: 'signed-in',
  params: orderParams,
  response: orderDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { id } = readParams(event, contract.params)
  return valueOrProblem(event, await orderView(await useOrdering(), { userId }, id))
})
