import { defineEventHandler, setResponseStatus } from 'h3'
import { z } from 'zod'
import { requireRole } from '../../../../../../auth/guard'
import { readParams } from '../../../../../../http/read-query'
import { useInfrastructure } from '../../../../../../infrastructure'
import { replayDeadLetter } from '../../../../../../messaging/admin'

/** POST /api/v1/admin/messaging/dead-letters/{id}/replay: redeliver it to its handler. */
export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, z.object({ id: z.uuid() }))
  await replayDeadLetter((await useInfrastructure()).messaging, id)
  setResponseStatus(event, 202)
  return { replayed: id }
})
