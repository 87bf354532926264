import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { MAX_ORDER_PAGE } from '#layers/ordering/contracts'
import { adminOrderPageDto, orderStatus } from '#layers/ordering/contracts/api'
import { orderPage } from '#layers/ordering/server/features/order-views'
import { useOrdering } from '#layers/ordering/server/ordering'

const day = z.iso.date('must be a date (2026-12-05)')

export const contract = defineContract({
  summary: 'All orders',
  description:
    'Newest first, 20 a page; narrowed by status, by the days placed (`from` and `to`, inclusive, UTC), by customer (user id) and by order number or its start.',
  access: 'admin',
  query: z.object({
    status: orderStatus.optional(),
    from: day.optional(),
    to: day.optional(),
    userId: z.uuid('is not a user id').optional(),
    number: z
      .string()
      .max(20)
      .regex(/^[A-Za-z0-9-]*$/, 'may hold only letters, digits and hyphens')
      .transform((value) => value.toUpperCase())
      .optional(),
    page: z.coerce.number().int().min(1).max(MAX_ORDER_PAGE).default(1),
  }),
  response: adminOrderPageDto,
})

const DAY_MS = 24 * 60 * 60 * 1000

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { from, to, ...filters } = readQuery(event, contract.query)
  return orderPage(await useOrdering(), 'admin', {
    ...filters,
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : undefined,
  })
})
