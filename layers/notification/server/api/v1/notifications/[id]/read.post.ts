import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readParams } from '#kernel/http/read-query'
import { noContentOrProblem } from '#kernel/http/respond'
import { markRead } from '#layers/notification/server/features/in-app'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'Mark one of your notifications read',
  access: 'signed-in',
  params: z.object({ id: z.uuid('is not a notification id') }),
  status: 204,
  response: null,
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { id } = readParams(event, contract.params)
  return noContentOrProblem(event, await markRead(await useNotification(), userId, id))
})
