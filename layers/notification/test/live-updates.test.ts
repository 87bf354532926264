import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testJwks } from '#test/support/auth-keys'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import type { ShopApp } from '#test/support/shop-app'
import { aCustomer, ORDERS, skusInStock, startOrdersApp, type Customer } from '#test/support/orders-app'
import type { OrderHistoryDto } from '#layers/ordering/contracts'
import { LIVE_MAX_MESSAGE_BYTES, LIVE_MAX_MESSAGES_PER_MINUTE, type OrderStatusChangedMessage } from '../contracts'
import { openLive, refusedUpgrade, type TestSocket } from '#test/support/live-socket'

const services = testServices()

describe.skipIf(!services.databaseUrl || !services.redisUrl || !services.amqpUrl)('live order updates', () => {
  // Two instances of the shop on the same Postgres, Redis and RabbitMQ, as behind a load balancer.
  let first: ShopApp
  let second: ShopApp
  let admin: string
  let skus: string[]
  const sockets: TestSocket[] = []

  beforeAll(async () => {
    const env = { AUTH_JWKS: await testJwks(), LOG_LEVEL: 'debug' }
    ;[first, second] = await Promise.all([startOrdersApp({ env }), startOrdersApp({ env })])
    admin = await first!.token('admin')
    skus = await skusInStock(first!, 2)
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await Promise.all([first?.close(), second?.close()])
  })

  const bearer = (customer: Customer) => ({ authorization: `Bearer ${customer.bearer}` })
  const live = async (app: ShopApp, headers: Record<string, string>) => {
    const socket = await openLive(app, headers)
    sockets.push(socket)
    return socket
  }
  const ship = (orderId: string) =>
    client(first).request('POST', `${ORDERS}/admin/${orderId}/shipment`, {
      bearer: admin,
      body: { carrier: 'DHL', trackingNumber: 'JD0146 0000 0042' },
    })
  async function paidOrder(customer: Customer) {
    await customer.addToCart(skus[0]!)
    const { orderId, orderNumber } = await customer.placed()
    await customer.reaches(orderId, 'Paid')
    return { orderId, orderNumber }
  }
  const statusesOf = (socket: TestSocket, orderId: string) =>
    socket.messages.filter((message) => message.orderId === orderId).map((message) => message.newStatus)
  /** The order's moves after Created, as its history lists them. */
  async function movesOf(customer: Customer, orderId: string) {
    const history = await customer.json<OrderHistoryDto>('GET', `${ORDERS}/${orderId}/history`)
    return history.steps.filter((step) => step.from !== null).map((step) => step.to)
  }
  /**
   * Each move heard once and in the order's order: the bus may hand a move over after a later
   * one, which is then never pushed (the page reads the order anyway), so some may be missing,
   * never the last.
   */
  function expectInOrder(heard: string[], moves: string[]) {
    const positions = heard.map((status) => moves.indexOf(status))
    expect(positions).not.toContain(-1)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(new Set(heard).size).toBe(heard.length)
    expect(heard.at(-1)).toBe(moves.at(-1))
  }

  it('refuses an upgrade without a session (401) and one another site’s page opened (403), as problems', async () => {
    const anonymous = await refusedUpgrade(first, {})
    expect(anonymous.status).toBe(401)
    expect(JSON.parse(anonymous.body)).toMatchObject({ status: 401, detail: 'Sign in to continue.' })

    const customer = await aCustomer(first)
    const crossSite = await refusedUpgrade(first, { ...bearer(customer), origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    const fetchMetadata = await refusedUpgrade(first, { ...bearer(customer), 'sec-fetch-site': 'cross-site' })
    expect(fetchMetadata.status).toBe(403)
    expect((await refusedUpgrade(first, { authorization: 'Bearer not-a-token' })).status).toBe(401)
    // The shop's own page, served at this address, is welcome.
    const own = await live(first, { ...bearer(customer), origin: first.url })
    own.close()
  })

  it('pushes each move of an order to every socket of its customer, on either instance, and to no one else', async () => {
    const customer = await aCustomer(first)
    const bystander = await aCustomer(first)
    const [onFirst, onSecond] = await Promise.all([live(first, bearer(customer)), live(second, bearer(customer))])
    const others = await Promise.all([live(first, bearer(bystander)), live(second, bearer(bystander))])

    const { orderId, orderNumber } = await paidOrder(customer)
    const shippedAt = Date.now()
    expect((await ship(orderId)).status).toBe(200)
    for (const socket of [onFirst, onSecond])
      await expect.poll(() => statusesOf(socket, orderId), { timeout: 10_000 }).toContain('Shipped')

    const shipped = onSecond.messages.find((message) => message.newStatus === 'Shipped')!
    expect(shipped).toEqual({
      type: 'OrderStatusChanged',
      orderId,
      orderNumber,
      newStatus: 'Shipped',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    } satisfies OrderStatusChangedMessage)
    // Both sockets heard the same moves, in the order the order made them.
    const moves = await movesOf(customer, orderId)
    expectInOrder(statusesOf(onFirst, orderId), moves)
    expect(statusesOf(onSecond, orderId)).toEqual(statusesOf(onFirst, orderId))
    const arrival = onSecond.arrivals[onSecond.messages.indexOf(shipped)]!
    console.info(`Shipped reached the other instance's socket ${arrival - shippedAt} ms after the ship request`)
    for (const socket of others) expect(socket.messages).toEqual([])
  })

  it('keeps what happens while the customer is away, and delivers it once, in order, on reconnection', async () => {
    const customer = await aCustomer(first)
    const { orderId } = await paidOrder(customer)
    expect((await ship(orderId)).status).toBe(200)
    // The shipment's notice is written just before its message is kept.
    await expect
      .poll(async () => (await customer.json<{ items: { title: string }[] }>('GET', '/api/v1/notifications')).items)
      .toContainEqual(expect.objectContaining({ title: expect.stringContaining('on its way') }))

    const moves = await movesOf(customer, orderId)
    const back = await live(second, bearer(customer))
    await expect.poll(() => statusesOf(back, orderId).at(-1)).toBe('Shipped')
    expectInOrder(statusesOf(back, orderId), moves)
    const kept = statusesOf(back, orderId)
    // The next connection finds nothing kept: its drain is over once it answers a ping, and a moment after.
    const again = await live(first, bearer(customer))
    again.send('ping')
    await expect.poll(() => again.pongs()).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(again.messages).toEqual([])
    expect(statusesOf(back, orderId)).toEqual(kept)
  })

  it('lists a customer’s notices, newest first, and marks one or all read, never another’s', async () => {
    const customer = await aCustomer(first)
    const stranger = await aCustomer(first)
    const { orderId, orderNumber } = await paidOrder(customer)
    expect((await ship(orderId)).status).toBe(200)
    type Page = { items: { id: string; title: string; link: string; read: boolean }[]; unread: number; total: number }
    await expect.poll(async () => (await customer.json<Page>('GET', '/api/v1/notifications')).total).toBe(2)

    const page = await customer.json<Page>('GET', '/api/v1/notifications')
    expect(page).toMatchObject({ unread: 2, total: 2, page: 1, pageSize: 20 })
    expect(page.items.map((item) => item.title)).toEqual([
      `Order ${orderNumber} is on its way`,
      `Order ${orderNumber} confirmed`,
    ])
    expect(page.items[0]).toMatchObject({ link: `/account/orders/${orderId}`, read: false })
    expect(await customer.json('GET', '/api/v1/notifications/unread-count')).toEqual({ unread: 2 })

    const [shipped, confirmed] = page.items
    expect((await stranger.call('POST', `/api/v1/notifications/${shipped!.id}/read`)).status).toBe(404)
    expect((await stranger.json<Page>('GET', '/api/v1/notifications')).total).toBe(0)
    expect((await customer.call('POST', '/api/v1/notifications/not-an-id/read')).status).toBe(400)
    expect((await customer.call('GET', '/api/v1/notifications?page=0')).status).toBe(400)
    expect((await client(first).request('GET', '/api/v1/notifications')).status).toBe(401)

    expect((await customer.call('POST', `/api/v1/notifications/${shipped!.id}/read`)).status).toBe(204)
    expect((await customer.call('POST', `/api/v1/notifications/${shipped!.id}/read`)).status).toBe(204)
    expect(await customer.json('GET', '/api/v1/notifications/unread-count')).toEqual({ unread: 1 })
    expect((await customer.call('POST', '/api/v1/notifications/read-all')).status).toBe(204)
    const after = await customer.json<Page>('GET', '/api/v1/notifications')
    expect(after.unread).toBe(0)
    expect(after.items.map((item) => [item.id, item.read])).toEqual([
      [shipped!.id, true],
      [confirmed!.id, true],
    ])
  })

  it('closes the sockets of a session that signs out, and refuses its token after', async () => {
    const customer = await aCustomer(first)
    const other = await aCustomer(first)
    const [onFirst, onSecond] = await Promise.all([live(first, bearer(customer)), live(second, bearer(customer))])
    const unrelated = await live(second, bearer(other))
    expect((await customer.call('POST', '/api/v1/identity/logout')).status).toBe(204)
    expect(await onFirst.closed).toEqual({ code: 4401, reason: 'The session has ended.' })
    expect(await onSecond.closed).toEqual({ code: 4401, reason: 'The session has ended.' })
    expect((await refusedUpgrade(first, bearer(customer))).status).toBe(401)
    // Another user's socket is untouched: it still answers.
    unrelated.send('ping')
    await expect.poll(() => unrelated.pongs()).toBe(1)
  })

  it('bounds what a client may send: a frame too large, or too many', async () => {
    const customer = await aCustomer(first)
    const large = await live(first, bearer(customer))
    large.send('x'.repeat(LIVE_MAX_MESSAGE_BYTES + 1))
    expect((await large.closed).code).toBe(1009)

    const chatty = await live(first, bearer(customer))
    for (let n = 0; n <= LIVE_MAX_MESSAGES_PER_MINUTE; n++) chatty.send('ping')
    expect(await chatty.closed).toEqual({ code: 1008, reason: 'Too many messages.' })
  })
})
