import type { Logger } from 'pino'
import { failpoint } from '#kernel/messaging/failpoint'
import { forwardToOutbox } from '#kernel/messaging/outbox'
import type { SqlPort } from '#kernel/sql/sql-port'
import { CATALOG_CONTEXT } from '../../contracts'
import type { CatalogCollections } from '../mongo/collections'

const BATCH = 100
// Each write nudges the forwarder at once; the sweep only finds what a crashed process left behind,
// or what Postgres refused for a while. Rare, because on the embedded store it scans the products.
const SWEEP_MS = 15_000

export interface OutboxForwarder {
  /** Moves every waiting event now; resolves with how many it moved. */
  runOnce(): Promise<number>
  /** Asks for a run soon (after a write), without waiting for it. */
  nudge(): void
  start(): void
  stop(): Promise<void>
}

/**
 * A product change and its event are written in one single-document update, which MongoDB applies
 * atomically without a transaction. This moves such events into the catalog's Postgres outbox
 * (skipping any already there) and only then takes them off their documents, so the shared relay
 * publishes them with its confirms, retries and dead letters. A crash in between forwards them
 * again, which changes nothing (ADR 0007). It runs at start, after every write, and every 15 s.
 */
export function createOutboxForwarder(
  { products }: CatalogCollections,
  sql: SqlPort,
  log: Logger,
  sweepMs = SWEEP_MS,
): OutboxForwarder {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = true
  let again = false

  const forwardBatch = async () => {
    const documents = await products
      .find({ 'outbox.0': { $exists: true } }, { projection: { outbox: 1 } })
      .limit(BATCH)
      .toArray()
    if (!documents.length) return 0
    const envelopes = documents.flatMap((document) => document.outbox)
    await forwardToOutbox(sql.db, CATALOG_CONTEXT, envelopes)
    failpoint('forwarded-before-cleared')
    await Promise.all(
      documents.map((document) =>
        products.updateOne(
          { _id: document._id },
          { $pull: { outbox: { id: { $in: document.outbox.map((envelope) => envelope.id) } } } },
        ),
      ),
    )
    return envelopes.length
  }

  const runOnce = async () => {
    let moved = 0
    for (let batch = await forwardBatch(); batch > 0; batch = await forwardBatch()) moved += batch
    return moved
  }

  // One run at a time; a nudge during a run asks for one more right after it.
  const run = () => {
    if (running) {
      again = true
      return running
    }
    running = runOnce()
      .catch((error: unknown) => {
        log.warn({ err: error }, 'catalog events could not be forwarded yet; retrying')
        return 0
      })
      .finally(() => {
        running = undefined
        if (again && !stopped) {
          again = false
          void run()
        }
      })
    return running
  }

  const sweep = () => {
    timer = setTimeout(async () => {
      await run()
      if (!stopped) sweep()
    }, sweepMs)
    timer.unref()
  }

  return {
    runOnce: run,
    nudge: () => {
      if (!stopped) void run()
    },
    start() {
      stopped = false
      void run().then(sweep)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
