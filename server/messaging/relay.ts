import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Envelope } from '../contracts/messaging'
import type { SqlPort } from '../sql/sql-port'
import { failpoint } from './failpoint'
import { onOutboxCommit } from './outbox'
import type { Transport } from './transport'

export interface RelayOptions {
  sql: SqlPort
  transport: Transport
  /** Schemas that have an outbox; read on every pass, so modules may register late. */
  schemas: () => string[]
  log: Logger
  batchSize?: number
  /** Sweep interval when nothing wakes the relay. */
  idleMs?: number
}

export interface Relay {
  /** Publishes what is due in every outbox; returns how many rows it handled. */
  runOnce(): Promise<number>
  start(): void
  stop(): Promise<void>
}

/**
 * The outbox relay. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of instances
 * relay at once without publishing a row twice; a row is marked processed only after the broker
 * confirmed it, in the claiming transaction. A crash between publish and mark republishes the
 * row later: consumers' inboxes absorb the duplicate.
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 100
  const idleMs = options.idleMs ?? 1_000
  let running = false
  let loop: Promise<void> | undefined
  let woken = false
  let wake: () => void = () => {}
  let stopping: () => void = () => {}
  const stopped = new Promise<void>((resolve) => (stopping = resolve))
  onOutboxCommit(() => {
    woken = true
    wake()
  })

  async function relaySchema(schema: string): Promise<number> {
    const table = sql.id(schema, 'outbox')
    return options.sql.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: string; content: Envelope | string }>`
        select id, content from ${table}
        where processed_on is null and next_attempt_at <= now()
        order by occurred_on, id limit ${batchSize}
        for update skip locked`.execute(trx)
      if (!rows.length) return 0
      const envelopes = rows.map(
        (row) => (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as Envelope,
      )
      const outcomes = await options.transport.publish(envelopes)
      failpoint('relay-after-publish')
      const confirmed = rows.filter((_, i) => outcomes[i]!.ok).map((row) => row.id)
      if (confirmed.length) {
        await sql`update ${table} set processed_on = now(), error = null where id = any(${confirmed}::uuid[])`.execute(
          trx,
        )
      }
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome.ok) continue
        // Back off 2, 4, 8 … seconds, at most 5 minutes, so a bad row does not hog the relay.
        await sql`
          update ${table} set retry_count = retry_count + 1, error = ${outcome.error},
            next_attempt_at = now() + interval '1 second' * least(300, power(2, retry_count + 1))
          where id = ${rows[i]!.id}`.execute(trx)
      }
      if (confirmed.length < rows.length) {
        options.log.warn({ schema, failed: rows.length - confirmed.length }, 'outbox rows not confirmed; will retry')
      }
      return rows.length
    })
  }

  async function runOnce(): Promise<number> {
    let handled = 0
    for (const schema of options.schemas()) handled += await relaySchema(schema)
    return handled
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  async function run() {
    while (running) {
      woken = false
      try {
        // While the broker is away the relay waits here instead of failing rows.
        await Promise.race([options.transport.ready(), stopped])
        if (!running) break
        const handled = await runOnce()
        if (handled > 0 || woken) continue
      } catch (error) {
        options.log.error({ err: error }, 'outbox relay pass failed')
      }
      if (running && !woken) await pause(idleMs)
    }
  }

  return {
    runOnce,
    start() {
      if (running) return
      running = true
      loop = run()
    },
    async stop() {
      running = false
      stopping()
      wake()
      await loop
    },
  }
}

/** Deletes rows published more than `days` ago (7 by default, as the seed says). */
export async function deleteProcessedOutboxRows(sqlPort: SqlPort, schemas: string[], days = 7): Promise<number> {
  let deleted = 0
  for (const schema of schemas) {
    const result = await sql`
      delete from ${sql.id(schema, 'outbox')} where processed_on < now() - make_interval(days => ${days})`.execute(
      sqlPort.db,
    )
    deleted += Number(result.numAffectedRows ?? 0)
  }
  return deleted
}
