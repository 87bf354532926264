import { done, refuse, type Result } from '../contracts/result'
import { sql } from 'kysely'
import type { SqlPort } from '../sql/sql-port'
import { envelopeOf } from './dead-letters'
import type { Messaging } from './messaging'

export interface OutboxBacklog {
  schema: string
  pending: number
  failing: number
  oldestPendingAt: string | null
  failures: { id: string; type: string; retryCount: number; error: string | null; nextAttemptAt: string }[]
}

/** What each outbox still has to publish, and the rows that keep failing. */
export async function outboxBacklog(sqlPort: SqlPort, schemas: string[]): Promise<OutboxBacklog[]> {
  return Promise.all(
    schemas.map(async (schema) => {
      const table = sql.id(schema, 'outbox')
      const {
        rows: [summary],
      } = await sql<{ pending: number; failing: number; oldest: Date | null }>`
        select count(*)::int as pending, count(*) filter (where retry_count > 0)::int as failing, min(occurred_on) as oldest
        from ${table} where processed_on is null`.execute(sqlPort.db)
      const { rows: failures } = await sql<{
        id: string
        type: string
        retry_count: number
        error: string | null
        next_attempt_at: Date
      }>`
        select id, type, retry_count, error, next_attempt_at from ${table}
        where processed_on is null and retry_count > 0 order by retry_count desc, occurred_on limit 20`.execute(
        sqlPort.db,
      )
      return {
        schema,
        pending: summary!.pending,
        failing: summary!.failing,
        oldestPendingAt: summary!.oldest ? new Date(summary!.oldest).toISOString() : null,
        failures: failures.map((row) => ({
          id: row.id,
          type: row.type,
          retryCount: row.retry_count,
          error: row.error,
          nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
        })),
      }
    }),
  )
}

/** Puts a dead letter back on its handler's queue as a first attempt, once. */
export async function replayDeadLetter(messaging: Messaging, id: string): Promise<Result<void>> {
  const letter = await messaging.deadLetters.find(id)
  if (!letter) return refuse(404, 'No dead letter has this id.')
  if (letter.replayedAt) return refuse(409, `This dead letter was replayed at ${letter.replayedAt}.`)
  const envelope = envelopeOf(letter)
  if (!envelope) return refuse(422, 'This dead letter has no readable envelope, so it cannot be replayed.')
  // Marked first: if the replayed message dies again at once, its new record must not be hidden
  // by a mark written after it.
  await messaging.deadLetters.markReplayed(letter.id)
  try {
    await messaging.transport.redeliver(letter.handler, envelope)
  } catch (error) {
    await messaging.deadLetters.markReplayed(letter.id, null)
    throw error
  }
  return done
}
