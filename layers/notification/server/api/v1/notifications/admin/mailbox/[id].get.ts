import { defineEventHandler, setResponseHeaders } from 'h3'
import { z } from 'zod'
import { requireRole } from '#kernel/auth/guard'
import { defineContract } from '#kernel/http/contract'
import { refusalError } from '#kernel/http/problem'
import { readParams } from '#kernel/http/read-query'
import { refuse } from '#kernel/contracts/result'
import { mailboxHtml } from '#layers/notification/server/features/mailbox'
import { useNotification } from '#layers/notification/server/notification'

export const contract = defineContract({
  summary: 'One mail of the mailbox, as HTML',
  description: 'The mail as its recipient would see it. It runs no script and loads nothing but images.',
  access: 'admin',
  params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'is not a mail id') }),
  response: z.string().meta({ description: 'text/html' }),
  refusals: [404],
})

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const { id } = readParams(event, contract.params)
  const html = await mailboxHtml(await useNotification(), id)
  if (html === undefined) throw refusalError(refuse(404, 'There is no such mail.'))
  // An email's own styles are inline; nothing else it holds may run or load.
  setResponseHeaders(event, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox",
  })
  return html
})
