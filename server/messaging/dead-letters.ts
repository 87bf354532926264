import { sql, type Generated, type Selectable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { envelopeSchema, type Envelope } from '../contracts/messaging'
import { schemaDb, type SqlPort } from '../sql/sql-port'
import type { DeadLetterSink } from './transport'

interface MessagingDatabase {
  dead_letter: {
    id: string
    handler: string
    message_id: string
    type: string
    content: string
    reason: string
    attempts: number
    dead_at: Generated<Date>
    replayed_at: Date | null
  }
}

export interface DeadLetter {
  id: string
  handler: string
  messageId: string
  type: string
  reason: string
  attempts: number
  deadAt: string
  replayedAt: string | null
  content: string
}

/** Dead letters of every handler, kept in SQL (`messaging.dead_letter`) so admins can list and replay them. */
export function deadLetterStore(sqlPort: SqlPort): DeadLetterSink & {
  list(options: { limit: number; before?: string; includeReplayed?: boolean }): Promise<DeadLetter[]>
  find(id: string): Promise<DeadLetter | undefined>
  /** Sets replayed_at to now, or back to null when a replay could not be sent. */
  markReplayed(id: string, at?: null): Promise<void>
} {
  const db = () => schemaDb<MessagingDatabase>(sqlPort, 'messaging')
  const toDeadLetter = (row: Selectable<MessagingDatabase['dead_letter']>): DeadLetter => ({
    id: row.id,
    handler: row.handler,
    messageId: row.message_id,
    type: row.type,
    reason: row.reason,
    attempts: row.attempts,
    deadAt: new Date(row.dead_at).toISOString(),
    replayedAt: row.replayed_at ? new Date(row.replayed_at).toISOString() : null,
    content: row.content,
  })

  return {
    // The same message dying again for the same handler (after a replay) updates its one row.
    async record(letter) {
      await db()
        .insertInto('dead_letter')
        .values({
          id: uuidv7(),
          handler: letter.handler,
          message_id: letter.messageId,
          type: letter.type,
          content: letter.content,
          reason: letter.reason,
          attempts: letter.attempts,
        })
        .onConflict((oc) =>
          oc.columns(['handler', 'message_id']).doUpdateSet({
            reason: letter.reason,
            attempts: letter.attempts,
            content: letter.content,
            dead_at: sql`now()`,
            replayed_at: null,
          }),
        )
        .execute()
    },
    async list({ limit, before, includeReplayed }) {
      let query = db()
        .selectFrom('dead_letter')
        .selectAll()
        .orderBy('dead_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
      if (!includeReplayed) query = query.where('replayed_at', 'is', null)
      if (before) query = query.where('id', '<', before)
      return (await query.execute()).map(toDeadLetter)
    },
    async find(id) {
      const row = await db().selectFrom('dead_letter').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toDeadLetter(row)
    },
    async markReplayed(id) {
      await db()
        .updateTable('dead_letter')
        .set({ replayed_at: sql`now()` })
        .where('id', '=', id)
        .execute()
    },
  }
}

export type DeadLetterStore = ReturnType<typeof deadLetterStore>

/** The envelope a dead letter carried, when it had a readable one (poison messages may not). */
export function envelopeOf(letter: DeadLetter): Envelope | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(letter.content))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
