import pg from 'pg'
import { expect, vi } from 'vitest'
import { waitForCatalog } from '#scripts/lib/demo-shop'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { accessToken, startShopApp, type ShopApp } from '#test/support/shop-app'
import type { OrderDto, OrderStatus, PlacedOrderDto } from '#layers/ordering/contracts'

export const ORDERS = '/api/v1/orders'

/** Where the test customers live. */
export const ADDRESS = {
  fullName: 'Ada Lovelace',
  line1: '12 Merrion Square',
  line2: null,
  city: 'Dublin',
  region: null,
  postalCode: 'D02 XY45',
  country: 'IE',
  phone: null,
}

/**
 * The shop on the real Postgres and Redis, its saga's messages through the real RabbitMQ (when this
 * run has it), with a payment timeout of `paymentTimeoutSeconds`.
 */
export async function startOrdersApp(
  options: { paymentTimeoutSeconds?: number; env?: Record<string, string>; dataDir?: string } = {},
): Promise<ShopApp> {
  const { paymentTimeoutSeconds = 900, env = {}, dataDir } = options
  const services = testServices()
  const app = await startShopApp({
    dataDir,
    env: {
      ORDER_PAYMENT_TIMEOUT_SECONDS: String(paymentTimeoutSeconds),
      ...(services.amqpUrl && { AMQP_URL: services.amqpUrl, BUS_PREFIX: services.busPrefix }),
      ...env,
    },
  })
  await waitForCatalog(app.url)
  return app
}

/**
 * A customer of the app at `app.url` (read at each call, so a test may point it at a restarted
 * app), with a bearer token, who fills a cart and checks out.
 */
export async function aCustomer(app: { url: string }, bearer?: string) {
  bearer ??= await accessToken(app.url)
  const http = client(app)
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    http.request(method, path, { bearer, body, headers })
  const json = async <T>(method: string, path: string, body?: unknown) => {
    const response = await call(method, path, body)
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }

  return {
    bearer,
    call,
    json,
    async addToCart(sku: string, quantity = 1) {
      await json('POST', '/api/v1/basket/items', { sku, quantity })
    },
    async cartSkus() {
      return (await json<{ lines: { sku: string }[] }>('GET', '/api/v1/basket')).lines.map((line) => line.sku)
    },
    checkout(paymentMethod = 'pm_card_visa', key?: string, changes: Record<string, unknown> = {}) {
      return call(
        'POST',
        ORDERS,
        { shippingAddress: ADDRESS, paymentMethod, ...changes },
        key ? { 'idempotency-key': key } : undefined,
      )
    },
    async placed(paymentMethod = 'pm_card_visa') {
      const response = await this.checkout(paymentMethod)
      expect(response.status, await response.clone().text()).toBe(202)
      return (await response.json()) as PlacedOrderDto
    },
    order: (orderId: string) => json<OrderDto>('GET', `${ORDERS}/${orderId}`),
    /** Polls the order until it reaches `status` (as the order page does), and answers it then. */
    async reaches(orderId: string, status: OrderStatus, timeout = 20_000) {
      let order: OrderDto | undefined
      await vi.waitFor(
        async () => {
          order = await json<OrderDto>('GET', `${ORDERS}/${orderId}`)
          expect(order.status).toBe(status)
        },
        { timeout, interval: 100 },
      )
      return order!
    },
  }
}

export type Customer = Awaited<ReturnType<typeof aCustomer>>

/** Demo skus that are in stock, plenty of them, as inventory counts them once the catalog is seeded. */
export async function skusInStock(app: { url: string }, count: number): Promise<string[]> {
  const listing = (await (await fetch(`${app.url}/api/v1/catalog/products?pageSize=48`)).json()) as {
    items: { sku: string | null }[]
  }
  const skus = listing.items.flatMap((item) => (item.sku ? [item.sku] : []))
  let inStock: string[] = []
  await vi.waitFor(
    async () => {
      const query = skus.map((sku) => `sku=${encodeURIComponent(sku)}`).join('&')
      const availability = (await (await fetch(`${app.url}/api/v1/inventory/availability?${query}`)).json()) as Record<
        string,
        { state: string }
      >
      inStock = skus.filter((sku) => availability[sku]?.state === 'in-stock')
      expect(inStock.length).toBeGreaterThanOrEqual(count)
    },
    { timeout: 20_000, interval: 200 },
  )
  return inStock.slice(0, count)
}

/**
 * What the other modules hold of an order, read straight from their tables: its payments (amount
 * and what was refunded) and the stock of its skus.
 */
export async function openLedger(databaseUrl = testServices().databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  return {
    async payments(orderId: string) {
      const { rows } = await db.query<{ status: string; amount: number; refunded: number }>(
        'select status, amount, refunded from payment.payments where order_id = $1 order by attempt',
        [orderId],
      )
      return rows
    },
    async stock(sku: string) {
      const { rows } = await db.query<{ on_hand: number; reserved: number }>(
        'select on_hand, reserved from inventory.stock where sku = $1',
        [sku],
      )
      return { onHand: rows[0]!.on_hand, reserved: rows[0]!.reserved }
    },
    /** Every order, oldest first. */
    async orders() {
      const { rows } = await db.query<{ id: string; status: string }>(
        'select id, status from ordering.orders order by created_at',
      )
      return rows
    },
    /** The statuses an order went through, in order. */
    async statuses(orderId: string) {
      const { rows } = await db.query<{ to_status: string }>(
        'select to_status from ordering.order_status_history where order_id = $1 order by id',
        [orderId],
      )
      return rows.map((row) => row.to_status)
    },
    close: () => db.end(),
  }
}
