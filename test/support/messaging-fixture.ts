import { sql, type Kysely } from 'kysely'
import { connect } from 'amqplib'
import pino from 'pino'
import { z } from 'zod'
import { defineMessage, type Envelope } from '#kernel/contracts/messaging'
import * as deadLetterMigration from '#kernel/migrations/messaging/2026-11-24-dead-letters'
import { createEnvelope } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import { claimInbox } from '#kernel/messaging/inbox'
import { startMessaging, type Messaging } from '#kernel/messaging/messaging'
import { withOutbox } from '#kernel/messaging/outbox'
import { topologyNames } from '#kernel/messaging/rabbitmq/topology'
import { createOutboxTable, createInboxTable } from '#kernel/messaging/tables'
import { createSql } from '#kernel/sql/create-sql'
import { migrateModules } from '#kernel/sql/migrate'
import type { SqlPort } from '#kernel/sql/sql-port'
import { testServices } from './services'

export const WidgetMade = defineMessage('testing.widget-made.v1', z.object({ n: z.int().nonnegative() }))
export const TEST_RETRY_DELAYS_MS = [100, 200, 400]
export const quietLog = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

/**
 * A throwaway context for messaging tests: its own schema with outbox, inbox and an `applied`
 * table with no unique key, so an effect applied twice shows up as two rows.
 */
export async function messagingFixture(name: string) {
  const services = testServices()
  const schema = `msg_${name}`
  const prefix = `test-${services.runId}-${name}`.replace(/_/g, '-')
  const sqlPort: SqlPort = await createSql({
    databaseUrl: services.databaseUrl,
    dataDir: '',
    applicationName: `test-${name}`,
  })
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(sqlPort.db)
  await migrateModules(sqlPort, [
    { module: 'messaging', migrations: { '2026-11-24-dead-letters': deadLetterMigration } },
    {
      module: schema,
      migrations: {
        '0001-tables': {
          up: async (db: Kysely<unknown>) => {
            await sql`create schema if not exists ${sql.id(schema)}`.execute(db)
            await createOutboxTable(db, schema)
            await createInboxTable(db, schema)
            await sql`create table ${sql.id(schema, 'applied')} (message_id uuid not null, handler text not null, n int not null)`.execute(
              db,
            )
          },
        },
      },
    },
  ])
  const started: Messaging[] = []
  /** Raw deliveries per handler and message id, before the inbox filters duplicates. */
  const deliveries = new Map<string, Map<string, number>>()

  /** A handler whose effect goes through the inbox; `fail` decides per attempt whether to throw. */
  const idempotentHandler = (
    handlerName: string,
    fail: (envelope: Envelope, attempt: number) => boolean = () => false,
    maxAttempts?: number,
  ): MessageHandler => ({
    name: handlerName,
    messages: [WidgetMade],
    maxAttempts,
    async handle(envelope) {
      const seen = deliveries.get(handlerName) ?? new Map<string, number>()
      deliveries.set(handlerName, seen)
      const attempt = (seen.get(envelope.id) ?? 0) + 1
      seen.set(envelope.id, attempt)
      if (fail(envelope, attempt)) throw new Error(`simulated failure of attempt ${attempt}`)
      await sqlPort.db.transaction().execute(async (trx) => {
        if (!(await claimInbox(trx, schema, handlerName, envelope))) return
        await sql`insert into ${sql.id(schema, 'applied')} values (${envelope.id}, ${handlerName}, ${(envelope.payload as { n: number }).n})`.execute(
          trx,
        )
      })
    },
  })

  return {
    schema,
    prefix,
    sql: sqlPort,
    deliveries,
    idempotentHandler,
    /** Commits `count` events, `perTransaction` at a time, each transaction also writing state. */
    async commit(count: number, perTransaction = 10, from = 0): Promise<string[]> {
      const ids: string[] = []
      for (let first = from; first < from + count; first += perTransaction) {
        await withOutbox(sqlPort.db, schema, async (_trx, emit) => {
          for (let n = first; n < Math.min(first + perTransaction, from + count); n++) {
            const envelope = createEnvelope(WidgetMade, { n })
            ids.push(envelope.id)
            emit(envelope)
          }
        })
      }
      return ids
    },
    async start(transport: 'rabbitmq' | 'in-process', handlers: MessageHandler[], options: { relay?: boolean } = {}) {
      const messaging = await startMessaging({
        sql: sqlPort,
        log: quietLog,
        amqpUrl: transport === 'rabbitmq' ? services.amqpUrl : undefined,
        busPrefix: prefix,
        handlers,
        outboxes: () => (options.relay === false ? [] : [schema]),
        retryDelaysMs: TEST_RETRY_DELAYS_MS,
        relayIdleMs: 200,
      })
      started.push(messaging)
      return messaging
    },
    /** Effects applied per handler: rows in `applied`, counted by message. */
    async applied(handlerName: string): Promise<{ total: number; distinct: number }> {
      const { rows } = await sql<{ total: number; distinct: number }>`
        select count(*)::int as total, count(distinct message_id)::int as distinct
        from ${sql.id(schema, 'applied')} where handler = ${handlerName}`.execute(sqlPort.db)
      return rows[0]!
    },
    async pendingOutbox(): Promise<number> {
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from ${sql.id(schema, 'outbox')} where processed_on is null`.execute(sqlPort.db)
      return rows[0]!.n
    },
    async close(handlerNames: string[] = []) {
      await Promise.all(started.map((m) => m.close()))
      if (services.amqpUrl && handlerNames.length) await deleteTopology(services.amqpUrl, prefix, handlerNames)
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(sqlPort.db)
      await sqlPort.close()
    },
  }
}

/** Removes a test prefix's exchange and queues from the broker. */
export async function deleteTopology(url: string, prefix: string, handlerNames: string[]) {
  const names = topologyNames(prefix)
  const connection = await connect(url)
  const channel = await connection.createChannel()
  for (const handlerName of handlerNames) {
    await channel.deleteQueue(names.queue(handlerName))
    await channel.deleteQueue(names.deadLetterQueue(handlerName))
    for (const delay of TEST_RETRY_DELAYS_MS) await channel.deleteQueue(names.retryQueue(handlerName, delay))
  }
  await channel.deleteExchange(names.exchange)
  await connection.close()
}
