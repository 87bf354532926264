import { sql, type Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Email, SendOutcome } from '../domain/email'
import type { NotificationDatabase, NotificationDb } from './database'

export interface QueuedEmail {
  /** Once per key: the event's id and the template, or the identity link's token. */
  key: string
  userId: string | null
  template: string
  email: Email
}

export interface DueEmail {
  id: string
  template: string
  attempts: number
  email: Email
}

/**
 * The emails table as a queue and a log: queued once per key, claimed with a lease so two
 * instances never send the same email at once, and left with how each attempt went.
 */
export interface EmailLog {
  /** True when this key was not queued before. */
  queue(db: Kysely<NotificationDatabase>, email: QueuedEmail): Promise<boolean>
  /** Due emails, each leased for `leaseMs`: a crashed sender's claim lapses and another takes it. */
  claimDue(limit: number, leaseMs: number): Promise<DueEmail[]>
  record(id: string, provider: string, outcome: SendOutcome, retryInMs: number | undefined): Promise<void>
}

export const emailLog = (db: NotificationDb): EmailLog => ({
  async queue(trx, { key, userId, template, email }) {
    const row = await trx
      .insertInto('emails')
      .values({
        id: uuidv7(),
        key,
        user_id: userId,
        template,
        to_address: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        status: 'queued',
      })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .returning('id')
      .executeTakeFirst()
    return row !== undefined
  },

  async claimDue(limit, leaseMs) {
    const rows = await db
      .updateTable('emails')
      .set({ next_attempt_at: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(
        'id',
        'in',
        db
          .selectFrom('emails')
          .select('id')
          .where('status', '=', 'queued')
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .orderBy('next_attempt_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'template', 'attempts', 'to_address', 'subject', 'html', 'text'])
      .execute()
    return rows.map((row) => ({
      id: row.id,
      template: row.template,
      attempts: row.attempts,
      email: { to: row.to_address, subject: row.subject, html: row.html, text: row.text },
    }))
  },

  async record(id, provider, outcome, retryInMs) {
    const attempts = sql<number>`attempts + 1`
    if (outcome.status === 'sent') {
      await db
        .updateTable('emails')
        .set({
          status: 'sent',
          attempts,
          provider,
          provider_message_id: outcome.providerMessageId ?? null,
          last_error: null,
          sent_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute()
      return
    }
    const retry = outcome.status === 'transient' && retryInMs !== undefined
    await db
      .updateTable('emails')
      .set({
        status: retry ? 'queued' : 'failed',
        attempts,
        provider,
        last_error: outcome.error.slice(0, 1000),
        ...(retry && { next_attempt_at: sql<Date>`now() + ${`${retryInMs} milliseconds`}::interval` }),
      })
      .where('id', '=', id)
      .execute()
  },
})
