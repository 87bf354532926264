import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { noContentOrProblem } from '#kernel/http/respond'
import { markAllRead } from '#layers/notification/server/features/in-app'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'Mark all your notifications read',
  access: 'signed-in',
  status: 204,
  response: null,
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  return noContentOrProblem(event, await markAllRead(await useNotification(), userId))
})
