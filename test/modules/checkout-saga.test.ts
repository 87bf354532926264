import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql as raw } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import { orderStockHandler } from '#layers/inventory/server/consumers/order-stock'
import { inventoryDb } from '#layers/inventory/server/infrastructure/database'
import type { Inventory } from '#layers/inventory/server/inventory'
import { checkoutSagaHandler } from '#layers/ordering/server/consumers/checkout-saga'
import { createOrder } from '#layers/ordering/server/features/create-order'
import { cancelOverduePayments } from '#layers/ordering/server/features/payment-timeouts'
import { createOrdering, type Ordering } from '#layers/ordering/server/ordering'
import { anOrder, placedOrder } from '#layers/ordering/test/ordering-store'
import { paymentCommandsHandler } from '#layers/payment/server/consumers/payment-commands'
import { answerChallenge } from '#layers/payment/server/features/simulated-challenge'
import { paymentDb } from '#layers/payment/server/infrastructure/database'
import { simulatedGateway } from '#layers/payment/server/infrastructure/simulated-gateway'
import type { Payment } from '#layers/payment/server/payment'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { migrateAll } from '#scripts/lib/migrate-all'
import { quietLog } from '#test/support/messaging-fixture'
import { busTransports, startModuleBus, type ModuleBus } from '#test/support/module-bus'
import { testServices } from '#test/support/services'

/** Long enough for the bus to answer; short enough that the timeout test need not wait. */
const PAYMENT_TIMEOUT_MS = 1_500

/**
 * The checkout saga with the modules it drives, as the app wires them: ordering's saga, inventory
 * and payment (simulated gateway) answering through the bus, on real Postgres with the in-process
 * bus and RabbitMQ, and on the embedded defaults (PGlite, in-process bus).
 */
describe.each([...busTransports(), ['embedded', false] as const])('the checkout saga (%s)', (variant, unavailable) => {
  const transport = variant === 'embedded' ? 'in-process' : variant
  let sqlPort: SqlPort
  let dataDir = ''
  let ordering: Ordering
  let payment: Payment
  let bus: ModuleBus

  beforeAll(async () => {
    if (unavailable) return
    dataDir = variant === 'embedded' ? await mkdtemp(join(tmpdir(), 'shop-checkout-')) : ''
    sqlPort = await createSql({ databaseUrl: dataDir ? undefined : testServices().databaseUrl, dataDir })
    await migrateAll(sqlPort)
    ordering = createOrdering({ sql: sqlPort }, { paymentTimeoutMs: PAYMENT_TIMEOUT_MS }, quietLog)
    const inventory: Inventory = { db: inventoryDb(sqlPort), startingStock: 'none', holdMs: 60_000, log: quietLog }
    const db = paymentDb(sqlPort)
    const simulated = simulatedGateway(db, 'https://shop.test')
    payment = { db, gateway: simulated, simulated, publicUrl: 'https://shop.test', log: quietLog }
    bus = await startModuleBus({
      module: 'ordering',
      transport,
      sql: sqlPort,
      outboxes: ['ordering', 'inventory', 'payment'],
      handlers: [
        checkoutSagaHandler(() => Promise.resolve(ordering)),
        orderStockHandler(() => Promise.resolve(inventory)),
        paymentCommandsHandler(() => Promise.resolve(payment)),
      ],
      collect: ['ordering.order-status-changed.v1', 'ordering.order-cancelled.v1', 'payment.refunded.v1'],
    })
  })
  afterAll(async () => {
    if (unavailable) return
    await bus?.close()
    await sqlPort?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  /** Skus of this test alone, each with `onHand` units. */
  async function stocked(...onHand: number[]): Promise<string[]> {
    const skus = onHand.map((_, i) => `CHK-${randomUUID().slice(0, 8).toUpperCase()}-${i + 1}`)
    await raw`insert into inventory.stock (sku, product_id, on_hand)
      select * from unnest(${skus}::text[], ${skus.map(() => 'p')}::text[], ${onHand}::int[])`.execute(sqlPort.db)
    return skus
  }

  const stockOf = async (sku: string) =>
    (
      await raw<{ on_hand: number; reserved: number }>`
        select on_hand, reserved from inventory.stock where sku = ${sku}`.execute(sqlPort.db)
    ).rows[0]

  async function place(skus: string[], paymentMethod = 'pm_card_visa') {
    const order = anOrder({ paymentMethod })
    order.lines = order.lines.slice(0, skus.length).map((line, i) => ({ ...line, sku: skus[i]! }))
    return placedOrder(createOrder(ordering, order))
  }

  const statusOf = async (orderId: string) =>
    (await ordering.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status

  const paymentsOf = (orderId: string) =>
    payment.db.selectFrom('payments').selectAll().where('order_id', '=', orderId).execute()

  const statusesAnnounced = (orderId: string) =>
    bus.collected
      .filter(
        (e) => e.type === 'ordering.order-status-changed.v1' && (e.payload as { orderId: string }).orderId === orderId,
      )
      .map((e) => (e.payload as { newStatus: string }).newStatus)

  it.skipIf(unavailable)('takes an order with a good card to Paid: stock reserved, one payment', async () => {
    const [tee, mug] = await stocked(5, 3)
    const { orderId } = await place([tee!, mug!])
    await expect.poll(() => statusOf(orderId), { timeout: 20_000 }).toBe('Paid')
    expect(await stockOf(tee!)).toEqual({ on_hand: 5, reserved: 2 })
    expect(await stockOf(mug!)).toEqual({ on_hand: 3, reserved: 1 })
    const payments = await paymentsOf(orderId)
    // Two tees at 19.99 and a mug at 8.50, and standard delivery (4.95: under 50.00).
    expect(payments).toEqual([expect.objectContaining({ status: 'succeeded', amount: 5343, currency: 'EUR' })])
    await expect
      .poll(() => statusesAnnounced(orderId), { timeout: 20_000 })
      .toEqual(['InventoryReserving', 'InventoryReserved', 'PaymentPending', 'Paid'])
  })

  it.skipIf(unavailable)('cancels on a declined card and gives the stock back', async () => {
    const [tee] = await stocked(5)
    const { orderId } = await place([tee!], 'pm_card_chargeDeclined')
    await expect.poll(() => statusOf(orderId), { timeout: 20_000 }).toBe('Cancelled')
    await expect.poll(() => stockOf(tee!), { timeout: 20_000 }).toEqual({ on_hand: 5, reserved: 0 })
    const row = await ordering.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
    expect(row.cancellation_reason).toBe('payment failed')
  })

  it.skipIf(unavailable)('cancels an order short of stock without charging it', async () => {
    const [tee, mug] = await stocked(1, 3)
    const { orderId } = await place([tee!, mug!])
    await expect.poll(() => statusOf(orderId), { timeout: 20_000 }).toBe('Cancelled')
    expect(await paymentsOf(orderId)).toEqual([])
    expect(await stockOf(tee!)).toEqual({ on_hand: 1, reserved: 0 })
    expect(await stockOf(mug!)).toEqual({ on_hand: 3, reserved: 0 })
    const history = await ordering.db
      .selectFrom('order_status_history')
      .select('note')
      .where('order_id', '=', orderId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(history.note).toBe(`Out of stock: ${tee}`)
  })

  it.skipIf(unavailable)(
    'cancels an order whose payment was never authenticated in time, and refunds one authenticated after',
    async () => {
      const [tee] = await stocked(4)
      const { orderId } = await place([tee!], 'pm_card_authenticationRequired')
      await expect
        .poll(
          async () =>
            (
              await ordering.db
                .selectFrom('orders')
                .select('payment_action_url')
                .where('id', '=', orderId)
                .executeTakeFirstOrThrow()
            ).payment_action_url,
          { timeout: 20_000 },
        )
        .toMatch(/^https:\/\/shop\.test\/payments\/simulated\//)
      expect(await statusOf(orderId)).toBe('PaymentPending')
      await new Promise((resolve) => setTimeout(resolve, PAYMENT_TIMEOUT_MS))
      // Two instances' tasks at once: one cancels it.
      const cancelled = await Promise.all([cancelOverduePayments(ordering), cancelOverduePayments(ordering)])
      expect(cancelled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1)
      expect(await statusOf(orderId)).toBe('Cancelled')
      await expect.poll(() => stockOf(tee!), { timeout: 20_000 }).toEqual({ on_hand: 4, reserved: 0 })

      // The customer finishes authenticating after all: the money taken is given back.
      const [charge] = await paymentsOf(orderId)
      expect(await answerChallenge(payment, charge!.intent_id!, 'complete')).toMatchObject({ ok: true })
      await expect.poll(async () => (await paymentsOf(orderId))[0]!.status, { timeout: 20_000 }).toBe('refunded')
      expect(await statusOf(orderId)).toBe('Cancelled')
      expect(statusesAnnounced(orderId).filter((s) => s === 'Cancelled')).toHaveLength(1)
    },
  )
})
