import { defineEventHandler, setResponseStatus } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { readParams } from '#kernel/http/read-query'
import { useInfrastructure } from '#kernel/infrastructure'
import { replayDeadLetter } from '#kernel/messaging/admin'

/** POST /api/v1/admin/messaging/dead-letters/{id}/replay: redeliver it to its handler. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, z.object({ id: z.uuid() }))
  await replayDeadLetter((await useInfrastructure()).messaging, id)
  setResponseStatus(event, 202)
  return { replayed: id }
})
