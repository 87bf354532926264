import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { testJwks } from '#test/support/auth-keys'
import { client } from '#test/support/http-client'
import { ownDatabase } from '#test/support/own-database'
import { testServices } from '#test/support/services'
import type { ShopApp } from '#test/support/shop-app'
import type { OrderPageDto } from '../contracts'
import { aCustomer, openLedger, ORDERS, skusInStock, startOrdersApp } from '#test/support/orders-app'

const services = testServices()

/** Outbox rows the app has yet to publish, from its admin backlog. */
async function unpublished(admin: { url: string; bearer: string }): Promise<number> {
  const response = await client(admin).request('GET', '/api/v1/admin/messaging/outbox', { bearer: admin.bearer })
  const { outboxes } = (await response.json()) as { outboxes: { pending: number }[] }
  return outboxes.reduce((sum, outbox) => sum + outbox.pending, 0)
}

describe.skipIf(!services.databaseUrl || !services.redisUrl || !services.amqpUrl)('a checkout across a crash', () => {
  const apps: ShopApp[] = []
  let dataDir: string
  let ledger: Awaited<ReturnType<typeof openLedger>> | undefined

  afterAll(async () => {
    for (const app of apps) await app.stop().catch(() => {})
    await ledger?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('finishes an order whose app was killed mid-checkout, once, and answers its retry with the same order', async () => {
    // A database and a bus of its own: no other app of this run may take its messages or publish first.
    const databaseUrl = await ownDatabase('checkout_crash')
    dataDir = await mkdtemp(join(tmpdir(), 'shop-checkout-crash-'))
    // One signing key for the three starts, so the customer's token outlives each.
    const env = { DATABASE_URL: databaseUrl, BUS_PREFIX: `${services.busPrefix}crash-`, AUTH_JWKS: await testJwks() }

    // The demo catalog is seeded and counted, and the customer fills a cart, before the failpoint is armed.
    const seeding = await startOrdersApp({ env, dataDir })
    apps.push(seeding)
    const [sku] = await skusInStock(seeding, 1)
    const target = { url: seeding.url }
    const customer = await aCustomer(target)
    await customer.addToCart(sku!, 2)
    ledger = await openLedger(databaseUrl)
    const before = await ledger.stock(sku!)
    // Whatever the seeding app still had to relay would trip the failpoint before the checkout does.
    const admin = { url: seeding.url, bearer: await seeding.token('admin') }
    await expect.poll(() => unpublished(admin), { timeout: 20_000 }).toBe(0)
    await seeding.stop()

    // The relay dies right after the broker confirmed the order's first messages, before marking them sent.
    const dying = await startOrdersApp({ env: { ...env, SHOP_FAILPOINTS: 'relay-after-publish' }, dataDir })
    apps.push(dying)
    target.url = dying.url
    const key = randomUUID()
    const first = await customer.checkout('pm_card_visa', key).catch(() => undefined)
    await expect.poll(() => dying.child.signalCode, { timeout: 10_000 }).toBe('SIGKILL')
    const [killed] = await ledger.orders()
    expect(killed).toMatchObject({ status: 'InventoryReserving' })

    const restarted = await startOrdersApp({ env, dataDir })
    apps.push(restarted)
    target.url = restarted.url
    // The customer never saw an answer (or did): the retry with the same key is the same order.
    const retry = await customer.checkout('pm_card_visa', key)
    expect(retry.status).toBe(202)
    const { orderId } = (await retry.json()) as { orderId: string }
    expect(orderId).toBe(killed!.id)
    if (first?.status === 202) expect(((await first.json()) as { orderId: string }).orderId).toBe(orderId)

    const paid = await customer.reaches(orderId, 'Paid', 30_000)
    expect((await customer.json<OrderPageDto>('GET', ORDERS)).total).toBe(1)
    expect(await ledger.payments(orderId)).toEqual([{ status: 'succeeded', amount: paid.total.amount, refunded: 0 }])
    expect(await ledger.stock(sku!)).toEqual({ onHand: before.onHand, reserved: before.reserved + 2 })
    expect(await ledger.statuses(orderId)).toEqual([
      'Created',
      'InventoryReserving',
      'InventoryReserved',
      'PaymentPending',
      'Paid',
    ])
    await expect.poll(() => customer.cartSkus()).toEqual([])
  }, 120_000) // three starts of the app, each a few seconds on a busy machine
})
