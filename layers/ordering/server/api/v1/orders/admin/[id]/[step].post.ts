import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderDto } from '#layers/ordering/contracts/api'
import { askOfOrder } from '#layers/ordering/server/features/ask-of-order'
import { adminStepParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Record a delivery or a returned parcel',
  description:
    '`delivery`: the carrier delivered a shipped order. `return-receipt`: a returned parcel arrived: its stock is counted again and the payment refunded.',
  access: 'admin',
  params: adminStepParams,
  response: orderDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id, step } = readParams(event, contract.params)
  const type = step === 'delivery' ? 'delivery-confirmed' : 'return-confirmed'
  return valueOrProblem(event, await askOfOrder(await useOrdering(), 'admin', id, { type }))
})
