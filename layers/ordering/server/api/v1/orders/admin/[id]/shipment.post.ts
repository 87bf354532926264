import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { singleLine } from '#kernel/contracts/text'
import { defineContract } from '#kernel/http/contract'
import { readJson } from '#kernel/http/read-json'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { orderDto } from '#layers/ordering/contracts/api'
import { askOfOrder } from '#layers/ordering/server/features/ask-of-order'
import { orderParams } from '#layers/ordering/server/http/params'
import { useOrdering } from '#layers/ordering/server/ordering'

export const contract = defineContract({
  summary: 'Ship a paid order',
  description: 'The parcel has left with a carrier: the order is Shipped and its stock leaves the warehouse’s count.',
  access: 'admin',
  params: orderParams,
  body: z
    .object({
      carrier: singleLine().min(1, 'Enter the carrier.').max(60),
      trackingNumber: singleLine()
        .min(1, 'Enter the tracking number.')
        .max(60)
        .regex(/^[A-Za-z0-9 -]+$/, 'may hold only letters, digits, spaces and hyphens'),
    })
    .meta({ id: 'Shipment' }),
  response: orderDto,
  refusals: [404, 409],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const shipment = await readJson(event, contract.body)
  return valueOrProblem(
    event,
    await askOfOrder(await useOrdering(), 'admin', id, { type: 'shipment-created', ...shipment }),
  )
})
