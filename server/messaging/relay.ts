import { sql } from 'kysely'
import type { Logger } from 'pino'
import type { Envelope } from '../contracts/messaging'
import type { SqlPort } from '../sql/sql-port'
import { failpoint } from './failpoint'
import { onOutboxCommit } from './outbox'
import type { PublishOutcome, Transport } from './transport'

export interface RelayOptions {
  sql: SqlPort
  transport: Transport
  /** Schemas that have an outbox; read on every pass, so modules may register late. */
  schemas: () => string[]
  log: Logger
  batchSize?: number
  /** Batches claimed and published at once; round-trip latency, not bandwidth, limits one. */
  concurrency?: number
  /** How long a claimed row stays hidden from other relays before it is due again. */
  leaseMs?: number
  /** Sweep interval when nothing wakes the relay. */
  idleMs?: number
}

export interface Relay {
  /** Publishes everything due in every outbox; resolves with how many rows it handled. */
  runOnce(): Promise<number>
  start(): void
  stop(): Promise<void>
}

interface Claimed {
  id: string
  content: Envelope | string
  /** The claim's lease, exactly as stored: settling only touches rows still under it. */
  lease: string
}

/**
 * The outbox relay. A batch is claimed in one statement: `FOR UPDATE SKIP LOCKED` picks rows no
 * other relay is claiming, and their `next_attempt_at` moves a lease ahead, so other instances
 * leave them alone while they are published. A row is marked processed only after the broker
 * confirmed it. If the relay dies in between, the lease runs out and the row is published again:
 * consumers' inboxes absorb the duplicate. No database connection is held while the broker works.
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 100
  const concurrency = options.concurrency ?? 8
  const leaseMs = options.leaseMs ?? 30_000
  const idleMs = options.idleMs ?? 1_000
  let running = false
  let sweeper: NodeJS.Timeout | undefined
  let stopping: () => void = () => {}
  const stopped = new Promise<void>((resolve) => (stopping = resolve))
  /** Each outbox drains on its own, so one module's publishing never waits for another's. */
  const draining = new Map<string, Promise<void>>()
  /** Outboxes that committed (or failed to publish) while they were draining: drained once more. */
  const again = new Set<string>()
  const stopListening = onOutboxCommit((schema) => options.schemas().includes(schema) && wake(schema))

  async function claim(schema: string): Promise<Claimed[]> {
    const table = sql.id(schema, 'outbox')
    const { rows } = await sql<Claimed & { occurred_on: Date }>`
      update ${table} set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from ${table} where processed_on is null and next_attempt_at <= now()
        order by occurred_on, id limit ${batchSize} for update skip locked)
      returning id, content, occurred_on, next_attempt_at::text as lease`.execute(options.sql.db)
    return rows.sort((a, b) => +new Date(a.occurred_on) - +new Date(b.occurred_on) || a.id.localeCompare(b.id))
  }

  async function settle(schema: string, rows: Claimed[], outcomes: PublishOutcome[]) {
    const table = sql.id(schema, 'outbox')
    // Only rows still under this claim's lease: if it ran out and another relay claimed them, that
    // relay records their fate.
    const ours = sql`next_attempt_at = ${rows[0]!.lease}::timestamptz`
    const confirmed = rows.filter((_, i) => outcomes[i]!.ok).map((row) => row.id)
    if (confirmed.length) {
      await sql`update ${table} set processed_on = now(), error = null
        where id = any(${confirmed}::uuid[]) and ${ours}`.execute(options.sql.db)
    }
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.ok) continue
      // A lost connection is retried as soon as the broker is back (the relay waits for it);
      // a refusal backs off 2, 4, 8 … seconds, at most 5 minutes, so a bad row cannot hog the relay.
      const delay = outcome.transient
        ? sql`interval '0 seconds'`
        : sql`interval '1 second' * least(300, power(2, retry_count + 1))`
      await sql`
        update ${table} set retry_count = retry_count + 1, error = ${outcome.error}, next_attempt_at = now() + ${delay}
        where id = ${rows[i]!.id} and ${ours}`.execute(options.sql.db)
    }
    if (confirmed.length < rows.length) {
      options.log.warn({ schema, failed: rows.length - confirmed.length }, 'outbox rows not confirmed; will retry')
    }
  }

  /** Publishes one claimed batch; true when the broker confirmed all of it. */
  async function publishBatch(schema: string, rows: Claimed[]): Promise<boolean> {
    try {
      const envelopes = rows.map(
        (row) => (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as Envelope,
      )
      const outcomes = await options.transport.publish(envelopes)
      failpoint('relay-after-publish')
      await settle(schema, rows, outcomes)
      return outcomes.every((outcome) => outcome.ok)
    } catch (error) {
      // The rows stay claimed until their lease ends, then any relay publishes them again.
      options.log.error({ err: error, schema }, 'outbox batch failed; it will be retried after its lease')
      return false
    }
  }

  interface Drained {
    handled: number
    /** Every claimed row was confirmed by the broker. */
    confirmed: boolean
  }

  /** Publishes `first`, then claims and publishes batches until nothing is due or the broker stops confirming. */
  async function worker(schema: string, first?: Claimed[]): Promise<Drained> {
    let handled = 0
    for (let rows = first ?? (await claim(schema)); rows.length; rows = await claim(schema)) {
      handled += rows.length
      if (!(await publishBatch(schema, rows))) return { handled, confirmed: false }
      if (rows.length < batchSize) break
    }
    return { handled, confirmed: true }
  }

  // One claim finds out whether there is a backlog. Usually there is not (a commit woke the relay
  // for its few rows) and that claim is all it takes; a full batch means more are waiting, and then
  // several workers claim at once (SKIP LOCKED keeps their batches apart), so the database's and
  // the broker's round trips overlap instead of adding up. A failing outbox (a table not migrated
  // yet) is logged and does not hold the others back.
  async function drain(schema: string): Promise<Drained> {
    let first: Claimed[]
    try {
      first = await claim(schema)
    } catch (error) {
      options.log.error({ err: error, schema }, 'relaying this outbox failed')
      return { handled: 0, confirmed: false }
    }
    const workers = first.length < batchSize ? 1 : concurrency
    const results = await Promise.allSettled([
      worker(schema, first),
      ...Array.from({ length: workers - 1 }, () => worker(schema)),
    ])
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) options.log.error({ err: failure.reason, schema }, 'relaying this outbox failed')
    const drained = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
    return {
      handled: drained.reduce((sum, result) => sum + result.handled, 0),
      confirmed: !failure && drained.every((result) => result.confirmed),
    }
  }

  async function runOnce(): Promise<number> {
    const drained = await Promise.all(options.schemas().map(drain))
    return drained.reduce((sum, { handled }) => sum + handled, 0)
  }

  /** Drains one outbox now, or once more when it is draining already. */
  function wake(schema: string) {
    if (!running) return
    if (draining.has(schema)) {
      again.add(schema)
      return
    }
    draining.set(schema, drainUntilQuiet(schema))
  }

  async function drainUntilQuiet(schema: string) {
    try {
      for (;;) {
        again.delete(schema)
        // While the broker is away the relay waits here instead of failing rows.
        await Promise.race([options.transport.ready(), stopped])
        if (!running) return
        const { handled, confirmed } = await drain(schema)
        // Rows the broker did not confirm are due again at once once it is back (a refusal's backoff
        // keeps those back); others that committed meanwhile were flagged by their commit.
        if (handled && !confirmed) again.add(schema)
        if (!running || !again.has(schema)) return
      }
    } finally {
      draining.delete(schema)
    }
  }

  // Rows no commit of this instance announced (another instance died holding their lease, or a
  // refused row's backoff ran out) are found by a sweep of every outbox.
  const sweep = () => options.schemas().forEach(wake)

  return {
    runOnce,
    start() {
      if (running) return
      running = true
      sweep()
      sweeper = setInterval(sweep, idleMs)
    },
    async stop() {
      running = false
      clearInterval(sweeper)
      stopListening()
      stopping()
      await Promise.all(draining.values())
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
