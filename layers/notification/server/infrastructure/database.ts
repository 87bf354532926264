import type { Generated, Kysely } from 'kysely'
import { schemaDb, type SqlPort } from '#kernel/sql/sql-port'
import { NOTIFICATION_CONTEXT } from '../../contracts'

export type EmailStatus = 'queued' | 'sent' | 'failed'

export interface NotificationDatabase {
  emails: {
    id: string
    key: string
    user_id: string | null
    template: string
    to_address: string
    subject: string
    html: string
    text: string
    status: EmailStatus
    attempts: Generated<number>
    next_attempt_at: Generated<Date>
    last_error: string | null
    provider: string | null
    provider_message_id: string | null
    created_at: Generated<Date>
    sent_at: Date | null
  }
  mailbox: {
    id: Generated<string>
    to_address: string
    subject: string
    html: string
    text: string
    received_at: Generated<Date>
  }
  notifications: {
    id: string
    user_id: string
    kind: string
    title: string
    body: string
    link: string | null
    order_id: string | null
    created_at: Generated<Date>
    read_at: Date | null
  }
  order_progress: {
    order_id: string
    occurred_at: Date
  }
  inbox: {
    message_id: string
    handler: string
    processed_on: Generated<Date>
  }
}

export type NotificationDb = Kysely<NotificationDatabase>

export const notificationDb = (sql: SqlPort): NotificationDb =>
  schemaDb<NotificationDatabase>(sql, NOTIFICATION_CONTEXT)
