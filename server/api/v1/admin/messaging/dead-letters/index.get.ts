import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { useInfrastructure } from '#kernel/infrastructure'

const deadLetter = z
  .object({
    id: z.uuid(),
    handler: z.string(),
    messageId: z.string(),
    type: z.string(),
    reason: z.string(),
    attempts: z.int(),
    deadAt: z.string(),
    replayedAt: z.string().nullable(),
    content: z.string(),
  })
  .meta({ id: 'DeadLetter' })

export const contract = defineContract({
  summary: 'Dead letters, newest first',
  description: 'Messages a handler gave up on after its retries; page with `before=<id>` (the last one seen).',
  access: 'admin',
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    before: z.uuid().optional(),
    includeReplayed: z.stringbool().default(false),
  }),
  response: z.object({ items: z.array(deadLetter), next: z.uuid().nullable() }),
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { limit, before, includeReplayed } = readQuery(event, contract.query)
  const { messaging } = await useInfrastructure()
  const items = await messaging.deadLetters.list({ limit, before, includeReplayed })
  return { items, next: items.length === limit ? items.at(-1)!.id : null }
})
