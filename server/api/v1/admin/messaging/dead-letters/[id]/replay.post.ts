import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { valueOrProblem } from '#kernel/http/respond'
import { useInfrastructure } from '#kernel/infrastructure'
import { replayDeadLetter } from '#kernel/messaging/admin'

export const contract = defineContract({
  summary: 'Replay a dead letter',
  description: "Puts it back on its handler's queue as a first attempt, once.",
  access: 'admin',
  params: z.object({ id: z.uuid() }),
  status: 202,
  response: z.object({ replayed: z.uuid() }),
  refusals: [404, 409, 422],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  valueOrProblem(event, await replayDeadLetter((await useInfrastructure()).messaging, id), 202)
  return { replayed: id }
})
