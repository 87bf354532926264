import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderHistoryDto } from '#layers/ordering/contracts/api'
import { orderHistory } from '#layers/ordering/server/features/order-views'
import { orderParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: "Your order's history",
  description: 'Every move of the order, oldest first, with why. Another customer’s order is a 404.',
  access: 'signed-in',
  params: orderParams,
  response: orderHistoryDto,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { id } = readParams(event, contract.params)
  return valueOrProblem(event, await orderHistory(await useOrdering(), { userId }, id))
})
