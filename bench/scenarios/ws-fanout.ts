import { randomInt, randomUUID } from 'node:crypto'
import pino from 'pino'
import WebSocket from 'ws'
import { createEnvelope } from '#kernel/messaging/envelope'
import { startMessaging } from '#kernel/messaging/messaging'
import { withOutbox } from '#kernel/messaging/outbox'
import { createSql } from '#kernel/sql/create-sql'
import type { OrderStatus } from '#layers/ordering/contracts'
import { OrderStatusChanged } from '#layers/ordering/contracts/events'
import { LIVE_PATH, type OrderStatusChangedMessage } from '#layers/notification/contracts'
import { peakRssMb, percentile, ScenarioSkipped, type Scenario } from '../harness'
import { sleep, sorted } from './outbox-rig'

const USERS = 100
const SOCKETS_PER_USER = 10
const RATE = Number(process.env.BENCH_WS_RATE ?? 200)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** An order's moves, as the saga makes them: two of them leave a notice in the bell. */
const MOVES: OrderStatus[] = ['InventoryReserving', 'InventoryReserved', 'PaymentPending', 'Paid', 'Shipped']

/** `count` new customers' ids and bearer tokens, registered `concurrency` at a time. */
async function customers(url: string, count: number, concurrency = 4) {
  const made: { userId: string; bearer: string }[] = []
  let addresses = randomInt(1 << 20)
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (made.length < count) {
        const response = await fetch(`${url}/api/v1/identity/register`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`,
          },
          body: JSON.stringify({
            email: `fanout-${randomUUID()}@example.com`,
            password: 'a bench shopper passphrase',
            firstName: 'Bench',
          }),
        })
        if (!response.ok) throw new Error(`register: ${response.status} ${await response.text()}`)
        const { user, accessToken } = (await response.json()) as { user: { id: string }; accessToken: string }
        made.push({ userId: user.id, bearer: accessToken })
      }
    }),
  )
  return made.slice(0, count)
}

/** A live connection that records, for each message, how long after its commit it arrived. */
function listen(url: string, bearer: string, latencies: number[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${LIVE_PATH}`, {
      headers: { authorization: `Bearer ${bearer}` },
    })
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as OrderStatusChangedMessage
      latencies.push(Date.now() - Date.parse(message.occurredAt))
    })
    socket.once('open', () => resolve(socket))
    socket.once('error', reject)
  })
}

/**
 * Commit to socket: 1,000 open sockets (100 customers, 10 pages each) while order moves are
 * committed at 200 a second, each to ordering's outbox in its own transaction, as the saga does.
 * The moves go the whole way: outbox, relay, RabbitMQ, notification's consumer (inbox, notice,
 * newest-move check), Redis pub/sub, the socket. The relay that publishes them runs in this process,
 * woken by each commit as the app's is by its own: the app's own relay would find them only at its
 * next sweep, a second later. The figure is the 99th percentile over every socket's every message.
 */
export const wsFanout: Scenario = {
  name: 'ws-fanout',
  unit: 'ms p99',
  description: `commit → socket, ${USERS * SOCKETS_PER_USER} sockets, ${RATE} order moves/s`,
  reference: null,
  async run(context) {
    const { DATABASE_URL: databaseUrl, AMQP_URL: amqpUrl, REDIS_URL: redisUrl } = process.env
    if (!databaseUrl || !amqpUrl || !redisUrl)
      throw new ScenarioSkipped('needs DATABASE_URL, REDIS_URL and AMQP_URL (real Postgres, Redis and RabbitMQ)')
    const app = await context.app()
    const sql = await createSql({ databaseUrl, dataDir: '', applicationName: 'bench-ws-fanout' })
    const messaging = await startMessaging({
      sql,
      log: pino({ level: 'error' }),
      amqpUrl,
      busPrefix: process.env.BUS_PREFIX || 'shop',
      outboxes: () => ['ordering'],
      handlers: [],
    })
    const latencies: number[] = []
    const sockets: WebSocket[] = []
    try {
      const users = await customers(app.url, USERS)
      for (const user of users)
        for (let n = 0; n < SOCKETS_PER_USER; n++) sockets.push(await listen(app.url, user.bearer, latencies))

      // Each customer's orders move one step at a time, a new order after Shipped.
      const orders = users.map(() => ({ id: '', number: '' }))
      let moves = 0
      const move = async () => {
        const customer = moves % USERS
        const step = Math.floor(moves / USERS) % MOVES.length
        if (step === 0) orders[customer] = { id: randomUUID(), number: `SO-9${String(moves).padStart(6, '0')}` }
        moves++
        const order = orders[customer]!
        await withOutbox(sql.db, 'ordering', async (_trx, emit) =>
          emit(
            createEnvelope(OrderStatusChanged, {
              orderId: order.id,
              orderNumber: order.number,
              userId: users[customer]!.userId,
              oldStatus: step === 0 ? 'Created' : MOVES[step - 1]!,
              newStatus: MOVES[step]!,
              reason: 'bench',
              occurredAt: new Date().toISOString(),
            }),
          ),
        )
      }
      // A second of moves to warm the path up, not counted.
      const warmUp = RATE
      for (let n = 0; n < warmUp; n++) await move()
      await sleep(2_000)
      latencies.length = 0

      const perTick = Math.max(1, Math.round(RATE / 100))
      const until = performance.now() + SECONDS * 1000
      let committed = 0
      while (performance.now() < until) {
        const tick = performance.now()
        await Promise.all(Array.from({ length: perTick }, move))
        committed += perTick
        await sleep(Math.max(0, 10 - (performance.now() - tick)))
      }
      const expected = committed * SOCKETS_PER_USER
      const deadline = Date.now() + 30_000
      while (latencies.length < expected && Date.now() < deadline) await sleep(50)
      if (latencies.length < expected)
        throw new Error(`only ${latencies.length} of ${expected} socket messages arrived within 30 s`)
      const lags = sorted(latencies)
      console.log(
        `  ${committed} moves in ${SECONDS} s (${Math.round(committed / SECONDS)}/s) → ${lags.length} socket messages; ` +
          `p50 ${percentile(lags, 50)} ms, p95 ${percentile(lags, 95)} ms, p99 ${percentile(lags, 99)} ms, max ${lags.at(-1)} ms`,
      )
      return {
        value: percentile(lags, 99),
        p50Ms: percentile(lags, 50),
        p95Ms: percentile(lags, 95),
        p99Ms: percentile(lags, 99),
        peakRssMb: peakRssMb(app.child.pid!),
      }
    } finally {
      for (const socket of sockets) socket.terminate()
      await messaging.close()
      await sql.close()
    }
  },
}
