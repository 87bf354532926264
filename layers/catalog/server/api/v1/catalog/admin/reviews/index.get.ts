import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { readQuery } from '#kernel/http/read-query'
import { useCatalog } from '#layers/catalog/server/catalog'
import { MAX_QUEUE_PAGE, reviewQueue } from '#layers/catalog/server/features/review-queue'

const query = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  page: z.coerce.number().int().min(1).max(MAX_QUEUE_PAGE).default(1),
})

/** GET /api/v1/catalog/admin/reviews?status=&page= (Admin): the moderation queue, newest first. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { status, page } = readQuery(event, query)
  return reviewQueue(await useCatalog(), status, page)
})
