import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderDto } from '#layers/ordering/contracts/api'
import { CUSTOMER_EVENTS } from '#layers/ordering/server/domain/order-actions'
import { askOfOrder } from '#layers/ordering/server/features/ask-of-order'
import { customerActionParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Cancel, refund or return your order',
  description:
    '`cancel` while the order is not yet paid (what it holds is released); `refund` once paid and not yet shipped (the payment is refunded); `return` once shipped (an admin confirms receipt, then it is restocked and refunded). The order’s `actions` say which it allows now; any other is a 409 that says why. Answers the order after the request.',
  access: 'signed-in',
  params: customerActionParams,
  response: orderDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { id, action } = readParams(event, contract.params)
  return valueOrProblem(event, await askOfOrder(await useOrdering(), { userId }, id, CUSTOMER_EVENTS[action]))
})
