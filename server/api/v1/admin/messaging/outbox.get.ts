import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { useInfrastructure } from '#kernel/infrastructure'
import { outboxBacklog } from '#kernel/messaging/admin'
import { registeredOutboxes } from '#kernel/messaging/messaging'

const backlog = z
  .object({
    schema: z.string(),
    pending: z.int(),
    failing: z.int(),
    oldestPendingAt: z.string().nullable(),
    failures: z.array(
      z.object({
        id: z.uuid(),
        type: z.string(),
        retryCount: z.int(),
        error: z.string().nullable(),
        nextAttemptAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'OutboxBacklog' })

export const contract = defineContract({
  summary: 'What each outbox still has to publish',
  description: 'Unpublished rows per module, and the ones that keep failing.',
  access: 'admin',
  response: z.object({ outboxes: z.array(backlog) }),
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { sql } = await useInfrastructure()
  return { outboxes: await outboxBacklog(sql, registeredOutboxes()) }
})
