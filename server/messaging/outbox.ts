import { EventEmitter } from 'node:events'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Envelope } from '../contracts/messaging'
import { isRefusal } from '../contracts/result'
import { inTransaction } from '../sql/transaction'

const commits = new EventEmitter()

/**
 * The relay listens so it can publish right after a commit instead of at its next sweep.
 * Returns the function that stops listening.
 */
export function onOutboxCommit(listener: (schema: string) => void): () => void {
  commits.on('commit', listener)
  return () => commits.off('commit', listener)
}

/** Adds envelopes to `<schema>.outbox` inside the caller's transaction. */
export async function addToOutbox(trx: Transaction<unknown>, schema: string, envelopes: Envelope[]): Promise<void> {
  await insertEnvelopes(trx, schema, envelopes, sql``)
}

/**
 * Copies envelopes first stored with a document elsewhere (a MongoDB document's own outbox) into
 * `<schema>.outbox`. One already there is skipped, so forwarding again after a crash adds nothing.
 */
export async function forwardToOutbox(db: Kysely<unknown>, schema: string, envelopes: Envelope[]): Promise<void> {
  if (!envelopes.length) return
  await insertEnvelopes(db, schema, envelopes, sql`on conflict (id) do nothing`)
  commits.emit('commit', schema)
}

async function insertEnvelopes(
  executor: Kysely<unknown>,
  schema: string,
  envelopes: Envelope[],
  onConflict: ReturnType<typeof sql>,
): Promise<void> {
  if (!envelopes.length) return
  await sql`${outboxInsert(schema, envelopes)} ${onConflict}`.execute(executor)
}

const outboxInsert = (schema: string, envelopes: Envelope[]) => sql`
  insert into ${sql.id(schema, 'outbox')} (id, type, content, occurred_on)
  select * from unnest(${envelopes.map((e) => e.id)}::uuid[], ${envelopes.map((e) => e.type)}::text[],
    ${envelopes.map((e) => JSON.stringify(e))}::jsonb[], ${envelopes.map((e) => e.occurredAt)}::timestamptz[])`

/**
 * Wakes the relay after a commit that wrote outbox rows outside `withOutbox`: a database function
 * that writes its state and its messages in one call (inventory's `reserve`).
 */
export const announceOutboxCommit = (schema: string) => void commits.emit('commit', schema)

/**
 * The one way a handler changes state and emits messages: `work` runs in a transaction and
 * calls `emit` for each message; state and outbox rows commit together or not at all. A refusal
 * the work returns rolls both back (see `inTransaction`).
 *
 *   await withOutbox(db, 'ordering', async (trx, emit) => {
 *     await insertOrder(trx, order)
 *     emit(createEnvelope(OrderCreated, { orderId: order.id }))
 *   })
 */
export async function withOutbox<Database, T>(
  db: Kysely<Database>,
  schema: string,
  work: (trx: Transaction<Database>, emit: (envelope: Envelope) => void) => Promise<T>,
): Promise<T> {
  const result = await inTransaction(db, async (trx) => {
    const emitted: Envelope[] = []
    const value = await work(trx, (envelope) => void emitted.push(envelope))
    if (isRefusal(value)) return value
    await addToOutbox(trx as unknown as Transaction<unknown>, schema, emitted)
    return { value, emitted: emitted.length }
  })
  if (isRefusal(result)) return result as T
  if (result.emitted) commits.emit('commit', schema)
  return result.value
}
