import { defineEventHandler } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { readQuery } from '#kernel/http/read-query'
import { mailboxPageDto } from '#layers/notification/contracts/api'
import { mailboxPage } from '#layers/notification/server/features/mailbox'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'The mailbox',
  description:
    'Without SENDGRID_API_KEY the shop delivers its email here instead: newest first, 50 a page, optionally for one address.',
  access: 'admin',
  query: z.object({
    to: z.email('is not an email address').max(254).optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  }),
  response: mailboxPageDto,
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  return mailboxPage(await useNotification(), readQuery(event, contract.query))
})
