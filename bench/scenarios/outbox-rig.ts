import { connect } from 'amqplib'
import { sql, type Kysely } from 'kysely'
import pino from 'pino'
import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'
import { createEnvelope } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import { startMessaging, type Messaging } from '#kernel/messaging/messaging'
import { withOutbox } from '#kernel/messaging/outbox'
import { createInboxTable, createOutboxTable } from '#kernel/messaging/tables'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { ScenarioSkipped } from '../harness'

// The outbox scenarios' shared rig: a context with an outbox, a relay and a consumer.

export const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 20_000)
const PER_TRANSACTION = 50
export const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
export const Benchmarked = defineMessage('bench.thing-happened.v1', z.object({ n: z.int(), note: z.string() }))
export const note = 'a payload about the size of a small integration event'.repeat(2)
export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
export const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

export function services() {
  const { DATABASE_URL: databaseUrl, AMQP_URL: amqpUrl } = process.env
  if (!databaseUrl || !amqpUrl)
    throw new ScenarioSkipped('needs DATABASE_URL and AMQP_URL (real Postgres and RabbitMQ)')
  return { databaseUrl, amqpUrl }
}

/** The most this broker takes from one publisher: pipelined confirms into a bound quorum queue. */
export interface Rig {
  /** The Postgres schema holding its outbox and inbox. */
  schema: string
  /** Holds the relay back (an outbox filling up) or lets it drain. */
  relay(on: boolean): void
  sql: SqlPort
  messaging: Messaging
  received: () => number
  lags: number[]
  commit(count: number): Promise<void>
  close(): Promise<void>
}

/**
 * A context with an outbox, an inbox, a relay, and a consumer that records commit-to-consumer lag
 * (or `consumer`, given the rig's schema, in its place).
 */
export async function rig(
  name: string,
  { consume = true, consumer: custom }: { consume?: boolean; consumer?: (rig: Rig) => MessageHandler } = {},
): Promise<Rig> {
  const { databaseUrl, amqpUrl } = services()
  const schema = `bench_${name.replace(/-/g, '_')}`
  const port = await createSql({ databaseUrl, dataDir: '', applicationName: 'bench' })
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(port.db)
  await sql`create schema ${sql.id(schema)}`.execute(port.db)
  await createOutboxTable(port.db as Kysely<unknown>, schema)
  await createInboxTable(port.db as Kysely<unknown>, schema)
  let received = 0
  const lags: number[] = []
  const lagRecorder: MessageHandler = {
    name: 'bench.consumer',
    messages: [Benchmarked],
    async handle(envelope) {
      received++
      lags.push(Date.now() - Date.parse(envelope.occurredAt))
    },
  }
  const prefix = `bench-${name}-${process.pid}`
  let relaying = true
  // The rig the custom consumer is given: filled in below, before the first message can arrive.
  const self = {} as Rig
  const consumer = custom ? custom(self) : lagRecorder
  const messaging = await startMessaging({
    sql: port,
    log: pino({ level: 'error' }),
    amqpUrl,
    busPrefix: prefix,
    outboxes: () => (relaying ? [schema] : []),
    handlers: consume ? [consumer] : [],
  })
  // Without a consumer the events go to a bound queue nobody reads, as in amqp-raw.
  const sink = consume ? undefined : await bindSink(amqpUrl, `${prefix}.events`)
  let n = 0
  return Object.assign(self, {
    schema,
    relay: (on: boolean) => {
      relaying = on
    },
    sql: port,
    messaging,
    received: () => received,
    lags,
    async commit(count: number) {
      await withOutbox(port.db, schema, async (_trx, emit) => {
        for (let i = 0; i < count; i++) emit(createEnvelope(Benchmarked, { n: n++, note }))
      })
    },
    async close() {
      await messaging.close()
      await sink?.()
      const connection = await connect(amqpUrl)
      const channel = await connection.createChannel()
      for (const suffix of ['', '.dlq', '.retry.1000ms', '.retry.5000ms', '.retry.25000ms', '.retry.120000ms']) {
        await channel.deleteQueue(`${prefix}.${consumer.name}${suffix}`)
      }
      await channel.deleteExchange(`${prefix}.events`)
      await connection.close()
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(port.db)
      await port.close()
    },
  })
}

async function bindSink(amqpUrl: string, exchange: string) {
  const connection = await connect(amqpUrl)
  const channel = await connection.createChannel()
  const queue = `${exchange}.sink`
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
  await channel.bindQueue(queue, exchange, '#')
  return async () => {
    await channel.deleteQueue(queue)
    await connection.close()
  }
}

/** Commits at a fixed rate for `seconds`, in 10 ms ticks. */
export async function steadyLoad(r: Rig, perSecond: number, seconds: number, during?: () => Promise<void>) {
  const perTick = Math.max(1, Math.round(perSecond / 100))
  const until = performance.now() + seconds * 1000
  const producing = (async () => {
    while (performance.now() < until) {
      const tick = performance.now()
      await r.commit(perTick)
      await sleep(Math.max(0, 10 - (performance.now() - tick)))
    }
  })()
  await during?.()
  await producing
}

export const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the consumer did not catch up in time')
    await sleep(20)
  }
}

/** Commits EVENTS rows while the relay is held back, then lets it go; returns when it did. */
export async function fillOutboxThenRelay(r: Rig): Promise<number> {
  r.relay(false)
  for (let committed = 0; committed < EVENTS; committed += PER_TRANSACTION) await r.commit(PER_TRANSACTION)
  r.relay(true)
  return performance.now()
}

/** Drains an outbox holding EVENTS rows into RabbitMQ: the relay alone, against amqp-raw. */

export const STEADY_RATE = Number(process.env.BENCH_OUTBOX_STEADY_RATE ?? 1_000)
