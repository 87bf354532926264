import { defineEventHandler } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { useInfrastructure } from '#kernel/infrastructure'
import { outboxBacklog } from '#kernel/messaging/admin'
import { registeredOutboxes } from '#kernel/messaging/messaging'

/** GET /api/v1/admin/messaging/outbox: unpublished rows per outbox and the ones that keep failing. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { sql } = await useInfrastructure()
  return { outboxes: await outboxBacklog(sql, registeredOutboxes()) }
})
