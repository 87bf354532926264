import { randomInt, randomUUID } from 'node:crypto'
import http from 'node:http'
import { Redis } from 'ioredis'
import pg from 'pg'
import { plainSkus } from '#scripts/lib/demo-shop'
import {
  adminToken,
  peakRssMb,
  percentile,
  ScenarioSkipped,
  type BenchContext,
  type Measurement,
  type Scenario,
} from '../harness'
import { messageChainRate } from './message-chain'
import { outbox } from './outbox'
import { services, sleep, sorted } from './outbox-rig'

const ORDERS = Number(process.env.BENCH_CHECKOUT_ORDERS ?? 300)
const SHOPPERS = 64
/**
 * Placed before the first round and not counted: a new app's first orders compile its code paths
 * and fill Postgres's caches, which made the first round the slowest by up to half.
 */
const WARM_UP_ORDERS = 100
const OFFERED_RATE = 50
const OFFERED_SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const ROUNDS = 3

const ADDRESS = {
  fullName: 'Bench Shopper',
  line1: '1 Load Street',
  city: 'Dublin',
  postalCode: 'D01 B3N5',
  country: 'IE',
}

interface Shopper {
  bearer: string
  userId: string
  busy: boolean
}

/** The user a bearer token names (its `sub`). */
const subjectOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub

/**
 * The shop's API as the bench's shoppers call it, each request from an address of its own, over
 * kept-alive connections: `fetch` costs the load generator, which shares the shop's two cores,
 * about twice the CPU per request.
 */
function api(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SHOPPERS })
  // Where the last run's addresses ended is unknown, and their sign-up limits may still be counting.
  let addresses = randomInt(1 << 20)
  return (method: string, path: string, bearer?: string, body?: object, headers: Record<string, string> = {}) =>
    new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
      const payload = body && JSON.stringify(body)
      const request = http.request(`${url}${path}`, {
        method,
        agent,
        headers: {
          'x-forwarded-for': `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`,
          ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(bearer && { authorization: `Bearer ${bearer}` }),
          ...headers,
        },
      })
      request.on('error', reject)
      request.on('response', async (response) => {
        let text = ''
        for await (const chunk of response) text += chunk
        const status = response.statusCode!
        if (status >= 300) reject(new Error(`${method} ${path}: ${status} ${text}`))
        else resolve(status === 204 ? undefined : (JSON.parse(text) as Record<string, unknown>))
      })
      request.end(payload)
    })
}

/**
 * The bench's shop: skus with stock enough for every order, shoppers registered, and a watcher
 * that reads every placed order's status from Postgres every 5 ms until it is Paid.
 */
async function checkoutRig(context: BenchContext) {
  const { databaseUrl } = services()
  const redisUrl = process.env.REDIS_URL
  if (!redisUrl) throw new ScenarioSkipped('needs REDIS_URL: a shopper waits for its cart in Redis')
  // Unpinned: Postgres and RabbitMQ, which do half the checkout's work, float over both cores, and
  // an app held to one of them waits for its core while the other has room.
  const shop = await context.app('all-cores')
  const call = api(shop.url)
  const admin = await adminToken(shop.url)
  const skus = await plainSkus(shop.url, 4)
  for (const sku of skus)
    await call('PUT', `/api/v1/inventory/admin/stock/${sku}`, admin, { onHand: 1_000_000, reason: 'received' })
  const shoppers: Shopper[] = []
  for (let i = 0; i < SHOPPERS; i++) {
    const session = await call('POST', '/api/v1/identity/register', undefined, {
      email: `bench-shopper-${randomUUID()}@example.com`,
      password: 'a bench shopper passphrase',
      firstName: 'Bench',
    })
    const bearer = session!.accessToken as string
    shoppers.push({ bearer, userId: subjectOf(bearer), busy: false })
  }
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  const redis = new Redis(redisUrl, { keyPrefix: process.env.REDIS_KEY_PREFIX ?? '' })

  const waiting = new Map<string, { placedAt: number; settle: (ms: number) => void; fail: (error: Error) => void }>()
  let watching = true
  const watcher = (async () => {
    while (watching) {
      if (waiting.size) {
        const { rows } = await db.query<{ id: string; status: string }>(
          `select id, status from ordering.orders where id = any($1) and status in ('Paid', 'Cancelled')`,
          [[...waiting.keys()]],
        )
        const now = performance.now()
        for (const row of rows) {
          const order = waiting.get(row.id)!
          waiting.delete(row.id)
          if (row.status === 'Paid') order.settle(now - order.placedAt)
          else order.fail(new Error(`order ${row.id} was cancelled`))
        }
      }
      await sleep(5)
    }
  })()

  let turn = 0
  /** One order: a shopper's cart filled, then placed (the clock starts), then Paid (it stops), then emptied. */
  async function order(shopper: Shopper): Promise<{ orderId: string; ms: number }> {
    shopper.busy = true
    try {
      await call('POST', '/api/v1/basket/items', shopper.bearer, { sku: skus[turn++ % skus.length], quantity: 1 })
      const placedAt = performance.now()
      const placed = await call(
        'POST',
        '/api/v1/orders',
        shopper.bearer,
        { shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
        { 'idempotency-key': randomUUID() },
      )
      const orderId = placed!.orderId as string
      const ms = await new Promise<number>((settle, fail) => waiting.set(orderId, { placedAt, settle, fail }))
      // A consumer takes the paid lines out of the cart, and marks the order in Redis as it does: the
      // shopper's next item waits for that mark (read from Redis, so the waiting costs the shop nothing).
      while (!(await redis.exists(`cart:${shopper.userId}:ordered:${orderId}`))) await sleep(5)
      return { orderId, ms }
    } finally {
      shopper.busy = false
    }
  }

  return {
    shop,
    shoppers,
    order,
    /** How many messages the orders put through the outboxes, each: what one checkout costs the bus. */
    async messagesPerOrder(orderIds: string[]) {
      let total = 0
      for (const schema of ['ordering', 'inventory', 'payment']) {
        const { rows } = await db.query<{ count: string }>(
          `select count(*) from ${schema}.outbox where content->'payload'->>'orderId' = any($1)`,
          [orderIds],
        )
        total += Number(rows[0]!.count)
      }
      return total / orderIds.length
    },
    async close() {
      watching = false
      await watcher
      await db.end()
      redis.disconnect()
    },
  }
}

type Rig = Awaited<ReturnType<typeof checkoutRig>>

const ratio = (value: number, reference: number) => (value / reference).toFixed(3)

/** `orders` orders, SHOPPERS at a time, as fast as they go: orders per second. */
async function closedLoop(rig: Rig, orders = ORDERS) {
  let next = 0
  const done: { orderId: string; ms: number }[] = []
  const started = performance.now()
  await Promise.all(
    rig.shoppers.map(async (shopper) => {
      while (next < orders) {
        next++
        done.push(await rig.order(shopper))
      }
    }),
  )
  return { rate: Math.round((orders / ((performance.now() - started) / 1000)) * 10) / 10, done }
}

/** OFFERED_RATE orders a second for OFFERED_SECONDS, whatever the shop's pace: place-to-Paid latencies. */
async function openLoop(rig: Rig) {
  const latencies: Promise<number>[] = []
  let missed = 0
  const interval = 1000 / OFFERED_RATE
  const started = performance.now()
  for (let i = 0; i < OFFERED_RATE * OFFERED_SECONDS; i++) {
    await sleep(Math.max(0, started + i * interval - performance.now()))
    const shopper = rig.shoppers.find((candidate) => !candidate.busy)
    if (!shopper) {
      missed++
      continue
    }
    latencies.push(rig.order(shopper).then(({ ms }) => ms))
  }
  const ms = sorted(await Promise.all(latencies))
  if (missed) console.warn(`  checkout: ${missed} offered orders found no idle shopper`)
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)) }
}

/**
 * Checkout end to end on the real services: POST /api/v1/orders, then the saga (stock reserved,
 * payment taken by the simulated card, Paid) through the outboxes and RabbitMQ. Its ceiling, in
 * each round: the `outbox` scenario's end-to-end events per second divided by the messages one
 * order puts through the outboxes (counted, not assumed). That ceiling moves its events in batches
 * of a hundred; a checkout's come one transaction at a time. So each round also measures the bus
 * alone as a checkout uses it (`message-chain.ts`): as many chains as orders, as many in flight,
 * each of as many messages as an order, every one committed, claimed and answered in a transaction
 * of its own. It shows what the machine gives the saga's messaging before any of its work.
 */
export const checkout: Scenario = {
  name: 'checkout',
  unit: 'orders/s',
  description: `${ORDERS} orders placed to Paid, ${SHOPPERS} in flight; p50/p95 place-to-Paid at ${OFFERED_RATE}/s offered; ratio to outbox events/s ÷ messages per order, ${ROUNDS} paired rounds`,
  reference: null,
  async run(context): Promise<Measurement> {
    const rig = await checkoutRig(context)
    try {
      const rounds: { rate: number; ceiling: number; chains: number; p50: number; p95: number; perOrder: number }[] = []
      for (let round = 0; round < ROUNDS; round++) {
        if (round === 0) await closedLoop(rig, WARM_UP_ORDERS)
        const { rate, done } = await closedLoop(rig)
        const perOrder = await rig.messagesPerOrder(done.map((order) => order.orderId))
        const { p50, p95 } = await openLoop(rig)
        const events = (await outbox.run(context)).value
        const ceiling = Math.round((events / perOrder) * 10) / 10
        const chains = await messageChainRate(ORDERS, SHOPPERS, Math.round(perOrder))
        rounds.push({ rate, ceiling, chains, p50, p95, perOrder })
        console.log(
          `  round ${round + 1}: ${rate} orders/s, ceiling ${ceiling} (${events} events/s ÷ ${perOrder} messages an order), ` +
            `bus alone ${chains} chains/s (${ratio(chains, ceiling)} of the ceiling; checkout ${ratio(rate, chains)} of it), ` +
            `p50 ${p50} ms, p95 ${p95} ms at ${OFFERED_RATE}/s`,
        )
      }
      const middle = rounds.sort((a, b) => a.rate / a.ceiling - b.rate / b.ceiling)[Math.floor(ROUNDS / 2)]!
      return {
        value: middle.rate,
        referenceValue: middle.ceiling,
        p50Ms: middle.p50,
        p95Ms: middle.p95,
        p99Ms: Number.NaN,
        peakRssMb: peakRssMb(rig.shop.child.pid!),
      }
    } finally {
      await rig.close()
    }
  },
}
