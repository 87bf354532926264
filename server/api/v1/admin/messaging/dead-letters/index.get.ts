import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { readQuery } from '#kernel/http/read-query'
import { useInfrastructure } from '#kernel/infrastructure'

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.uuid().optional(),
  includeReplayed: z.stringbool().default(false),
})

/** GET /api/v1/admin/messaging/dead-letters: newest first, paged with `before=<id>`. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { limit, before, includeReplayed } = readQuery(event, query)
  const { messaging } = await useInfrastructure()
  const items = await messaging.deadLetters.list({ limit, before, includeReplayed })
  return { items, next: items.length === limit ? items.at(-1)!.id : null }
})
