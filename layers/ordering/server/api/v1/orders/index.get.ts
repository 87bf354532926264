import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { MAX_ORDER_PAGE } from '#layers/ordering/contracts'
import { orderPageDto } from '#layers/ordering/contracts/api'
import { orderPage } from '#layers/ordering/server/features/order-views'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Your orders',
  description: 'The signed-in customer’s orders, newest first, 20 a page.',
  access: 'signed-in',
  query: z.object({ page: z.coerce.number().int().min(1).max(MAX_ORDER_PAGE).default(1) }),
  response: orderPageDto,
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { page } = readQuery(event, contract.query)
  return orderPage(await useOrdering(), { userId }, { page })
})
