import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { reviewQueueDto, reviewStatus } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { MAX_QUEUE_PAGE, reviewQueue } from '#layers/catalog/server/features/review-queue'

export const contract = defineContract({
  summary: 'The moderation queue',
  description: 'Reviews in one state, newest first, with the product each is about.',
  access: 'admin',
  query: z.object({
    status: reviewStatus.default('pending'),
    page: z.coerce.number().int().min(1).max(MAX_QUEUE_PAGE).default(1),
  }),
  response: reviewQueueDto,
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { status, page } = readQuery(event, contract.query)
  return reviewQueue(await useCatalog(), status, page)
})
