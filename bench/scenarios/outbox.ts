import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { connect } from 'amqplib'
import { sql, type Kysely } from 'kysely'
import pino from 'pino'
import { z } from 'zod'
import { defineMessage } from '../../server/contracts/messaging'
import { createEnvelope } from '../../server/messaging/envelope'
import type { MessageHandler } from '../../server/messaging/handler'
import { startMessaging, type Messaging } from '../../server/messaging/messaging'
import { withOutbox } from '../../server/messaging/outbox'
import { createOutboxTable } from '../../server/messaging/tables'
import { createSql } from '../../server/sql/create-sql'
import type { SqlPort } from '../../server/sql/sql-port'
import { peakRssMb, percentile, ScenarioSkipped, type Measurement, type Scenario } from '../harness'

const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 20_000)
const PER_TRANSACTION = 50
const STEADY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const Benchmarked = defineMessage('bench.thing-happened.v1', z.object({ n: z.int(), note: z.string() }))
const note = 'a payload about the size of a small integration event'.repeat(2)
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
const sorted = (values: number[]) => [...values].sort((a, b) => a - b)

function services() {
  const { DATABASE_URL: databaseUrl, AMQP_URL: amqpUrl } = process.env
  if (!databaseUrl || !amqpUrl)
    throw new ScenarioSkipped('needs DATABASE_URL and AMQP_URL (real Postgres and RabbitMQ)')
  return { databaseUrl, amqpUrl }
}

/** The most this broker takes from one publisher: pipelined confirms into a bound quorum queue. */
export const amqpRaw: Scenario = {
  name: 'amqp-raw',
  unit: 'msg/s',
  description: 'raw amqplib publisher, pipelined confirms, persistent, into a quorum queue',
  reference: null,
  async run() {
    const { amqpUrl } = services()
    const connection = await connect(amqpUrl)
    const channel = await connection.createConfirmChannel()
    const exchange = `bench-raw-${process.pid}`
    const queue = `${exchange}.q`
    await channel.assertExchange(exchange, 'topic', { durable: true })
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
    await channel.bindQueue(queue, exchange, '#')
    try {
      const body = Buffer.from(JSON.stringify(createEnvelope(Benchmarked, { n: 0, note })))
      const started = performance.now()
      const confirms: Promise<void>[] = []
      for (let n = 0; n < EVENTS; n++) {
        confirms.push(
          new Promise((resolve, reject) =>
            channel.publish(exchange, Benchmarked.type, body, { persistent: true, mandatory: true }, (error) =>
              error ? reject(error) : resolve(),
            ),
          ),
        )
        if (confirms.length % 1_000 === 0) await Promise.all(confirms.slice(-1_000)) // a window, not the whole run
      }
      await Promise.all(confirms)
      const seconds = (performance.now() - started) / 1000
      return {
        value: Math.round(EVENTS / seconds),
        p50Ms: Number.NaN,
        p99Ms: Number.NaN,
        peakRssMb: peakRssMb(process.pid),
      }
    } finally {
      await channel.deleteQueue(queue)
      await channel.deleteExchange(exchange)
      await connection.close()
    }
  },
}

interface Rig {
  /** Holds the relay back (an outbox filling up) or lets it drain. */
  relay(on: boolean): void
  sql: SqlPort
  messaging: Messaging
  received: () => number
  lags: number[]
  commit(count: number): Promise<void>
  close(): Promise<void>
}

/** A context with an outbox, a relay, and a consumer that records commit-to-consumer lag. */
async function rig(name: string, { consume = true } = {}): Promise<Rig> {
  const { databaseUrl, amqpUrl } = services()
  const schema = `bench_${name.replace(/-/g, '_')}`
  const port = await createSql({ databaseUrl, dataDir: '', applicationName: 'bench' })
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(port.db)
  await sql`create schema ${sql.id(schema)}`.execute(port.db)
  await createOutboxTable(port.db as Kysely<unknown>, schema)
  let received = 0
  const lags: number[] = []
  const consumer: MessageHandler = {
    name: 'bench.consumer',
    messages: [Benchmarked],
    async handle(envelope) {
      received++
      lags.push(Date.now() - Date.parse(envelope.occurredAt))
    },
  }
  const prefix = `bench-${name}-${process.pid}`
  let relaying = true
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
  return {
    relay: (on) => {
      relaying = on
    },
    sql: port,
    messaging,
    received: () => received,
    lags,
    async commit(count) {
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
        await channel.deleteQueue(`${prefix}.bench.consumer${suffix}`)
      }
      await channel.deleteExchange(`${prefix}.events`)
      await connection.close()
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(port.db)
      await port.close()
    },
  }
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
async function steadyLoad(r: Rig, perSecond: number, seconds: number, during?: () => Promise<void>) {
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

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the consumer did not catch up in time')
    await sleep(20)
  }
}

/** Commits EVENTS rows while the relay is held back, then lets it go; returns when it did. */
async function fillOutboxThenRelay(r: Rig): Promise<number> {
  r.relay(false)
  for (let committed = 0; committed < EVENTS; committed += PER_TRANSACTION) await r.commit(PER_TRANSACTION)
  r.relay(true)
  return performance.now()
}

/** Drains an outbox holding EVENTS rows into RabbitMQ: the relay alone, against amqp-raw. */
export const outboxRelay: Scenario = {
  name: 'outbox-relay',
  unit: 'events/s',
  description: 'relay draining a full outbox into a bound quorum queue, confirms awaited',
  reference: 'amqp-raw',
  async run(): Promise<Measurement> {
    const r = await rig('relay', { consume: false })
    try {
      const started = await fillOutboxThenRelay(r)
      while ((await r.messaging.relay.runOnce()) > 0);
      const value = Math.round(EVENTS / ((performance.now() - started) / 1000))
      return { value, p50Ms: Number.NaN, p99Ms: Number.NaN, peakRssMb: peakRssMb(process.pid) }
    } finally {
      await r.close()
    }
  },
}

const STEADY_RATE = Number(process.env.BENCH_OUTBOX_STEADY_RATE ?? 1_000)

/**
 * End to end: an outbox holding EVENTS rows drained through RabbitMQ to a consumer (the broker
 * now also delivers and takes acks); then commit-to-consumer lag at a steady 1,000 events/s.
 */
export const outbox: Scenario = {
  name: 'outbox',
  unit: 'events/s',
  description: 'outbox commit → relay → RabbitMQ → consumer; lag at a steady rate',
  reference: 'amqp-raw',
  async run(): Promise<Measurement> {
    const r = await rig('outbox')
    try {
      const started = await fillOutboxThenRelay(r)
      await r.messaging.relay.runOnce()
      await waitFor(() => r.received() >= EVENTS, 120_000)
      const throughput = Math.round(EVENTS / ((performance.now() - started) / 1000))

      r.lags.length = 0
      const before = r.received()
      await steadyLoad(r, STEADY_RATE, STEADY_SECONDS)
      const expected = before + Math.round(STEADY_RATE / 100) * Math.floor((STEADY_SECONDS * 1000) / 10)
      await waitFor(() => r.received() >= expected * 0.95, 30_000)
      const lags = sorted(r.lags)
      return {
        value: throughput,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        peakRssMb: peakRssMb(process.pid),
      }
    } finally {
      await r.close()
    }
  },
}

const rabbitmqctl = (...args: string[]) => promisify(execFile)('rabbitmqctl', args, { timeout: 60_000 })

/**
 * Seconds from the broker coming back until commit-to-consumer lag is back under 100 ms (p95 over
 * one second), at a steady 1,000 events/s through `rabbitmqctl stop_app` / `start_app`.
 */
export const outboxRecovery: Scenario = {
  name: 'outbox-recovery',
  unit: 's',
  description: 'back to steady state (lag < 100 ms) after a broker restart',
  reference: null,
  async run(): Promise<Measurement> {
    services()
    await rabbitmqctl('status').catch(() => {
      throw new ScenarioSkipped('needs rabbitmqctl for the local broker')
    })
    const r = await rig('recovery')
    const arrivals: { at: number; lag: number }[] = []
    let backAt = 0
    try {
      const sample = setInterval(() => {
        while (r.lags.length) arrivals.push({ at: Date.now(), lag: r.lags.shift()! })
      }, 5)
      await steadyLoad(r, STEADY_RATE, 25, async () => {
        await sleep(3_000)
        try {
          await rabbitmqctl('stop_app')
          await sleep(3_000)
        } finally {
          await rabbitmqctl('start_app')
          await rabbitmqctl('await_startup')
        }
        backAt = Date.now()
      })
      await sleep(2_000)
      clearInterval(sample)
      // Steady again at the start of the first one-second window whose 95th-percentile lag is
      // under 100 ms: the backlog is gone. (One late message at steady state, which happens
      // with or without a restart, does not count as still recovering.)
      const after = arrivals.filter((a) => a.at >= backAt)
      let steadyFrom = Number.NaN
      for (let start = backAt; start < (after.at(-1)?.at ?? backAt); start += 100) {
        const window = sorted(after.filter((a) => a.at >= start && a.at < start + 1_000).map((a) => a.lag))
        if (window.length >= STEADY_RATE / 2 && percentile(window, 95) < 100) {
          steadyFrom = start
          break
        }
      }
      const lags = sorted(after.map((a) => a.lag))
      return {
        value: Math.round((steadyFrom - backAt) / 100) / 10,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        peakRssMb: peakRssMb(process.pid),
      }
    } finally {
      await rabbitmqctl('start_app')
      await r.close()
    }
  },
}
