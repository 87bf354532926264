import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireUser } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { MAX_NOTIFICATION_PAGE } from '#layers/notification/contracts'
import { notificationPageDto } from '#layers/notification/contracts/api'
import { notificationPage } from '#layers/notification/server/features/in-app'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'Your notifications',
  description: 'The signed-in user’s notifications, newest first, 20 a page, with how many are unread.',
  access: 'signed-in',
  query: z.object({ page: z.coerce.number().int().min(1).max(MAX_NOTIFICATION_PAGE).default(1) }),
  response: notificationPageDto,
})

export default defineEventHandler(async (event) => {
  const { userId } = await requireUser(event)
  const { page } = readQuery(event, contract.query)
  return notificationPage(await useNotification(), userId, page)
})
