import { z } from 'zod'

export const notificationDto = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: 'The page it is about, a path of this shop.' }),
    createdAt: z.iso.datetime(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' })

export const notificationPageDto = z
  .object({
    items: z.array(notificationDto),
    unread: z.int(),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
  })
  .meta({ id: 'NotificationPage' })

export const unreadCountDto = z.object({ unread: z.int() }).meta({ id: 'UnreadCount' })

export const mailboxPageDto = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        to: z.string(),
        subject: z.string(),
        text: z.string(),
        receivedAt: z.iso.datetime(),
      }),
    ),
    page: z.int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'MailboxPage' })
