import type { MailboxPageDto } from '../../contracts'
import type { Notification } from '../notification'

export const MAILBOX_PAGE_SIZE = 50

/** The mail the mailbox received, newest first, for one address or for everyone. */
export async function mailboxPage({ db }: Notification, query: { to?: string; page: number }): Promise<MailboxPageDto> {
  let rows = db
    .selectFrom('mailbox')
    .select(['id', 'to_address', 'subject', 'text', 'received_at'])
    .orderBy('id', 'desc')
    .limit(MAILBOX_PAGE_SIZE + 1)
    .offset((query.page - 1) * MAILBOX_PAGE_SIZE)
  if (query.to) rows = rows.where('to_address', '=', query.to)
  const found = await rows.execute()
  return {
    items: found.slice(0, MAILBOX_PAGE_SIZE).map((row) => ({
      id: String(row.id),
      to: row.to_address,
      subject: row.subject,
      text: row.text,
      receivedAt: row.received_at.toISOString(),
    })),
    page: query.page,
    hasMore: found.length > MAILBOX_PAGE_SIZE,
  }
}

/** One mail's HTML, as the recipient's mail client would show it. */
export async function mailboxHtml({ db }: Notification, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('mailbox').select('html').where('id', '=', id).executeTakeFirst()
  return row?.html
}
