import type { EmailSender } from '../domain/email'
import type { NotificationDb } from './database'

/**
 * Without SendGrid, mail is delivered to a mailbox table in the notification schema: a developer
 * reads it at /admin/mailbox, a test in SQL. Never to the log: the links in it are secrets.
 */
export const mailboxSender = (db: NotificationDb): EmailSender => ({
  name: 'mailbox',
  async send(email) {
    const { id } = await db
      .insertInto('mailbox')
      .values({ to_address: email.to, subject: email.subject, html: email.html, text: email.text })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { status: 'sent', providerMessageId: `mailbox-${id}` }
  },
})
