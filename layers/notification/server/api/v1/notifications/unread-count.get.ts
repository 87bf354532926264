import { defineEventHandler } from 'h3'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { unreadCountDto } from '#layers/notification/contracts/api'
import { unreadCount } from '#layers/notification/server/features/in-app'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'How many of your notifications are unread',
  description: 'What the bell shows.',
  access: 'signed-in',
  response: unreadCountDto,
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  return unreadCount(await useNotification(), userId)
})
