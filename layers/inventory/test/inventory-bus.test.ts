import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Envelope } from '#kernel/contracts/messaging'
import { createEnvelope } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import { startMessaging, type Messaging } from '#kernel/messaging/messaging'
import { deleteTopology, quietLog, TEST_RETRY_DELAYS_MS } from '#test/support/messaging-fixture'
import { testServices } from '#test/support/services'
import { ReleaseInventory, ReserveInventory } from '../contracts/events'
import { orderStockHandler } from '../server/consumers/order-stock'
import { trackNewSkusHandler } from '../server/consumers/track-new-skus'
import { startingStockOf } from '../server/domain/starting-stock'
import { freshSkus, newOrderId, openInventory, productChanged } from './inventory-store'

const services = testServices()
const transports = [
  ['in-process', !services.databaseUrl],
  ['rabbitmq', !services.databaseUrl || !services.amqpUrl],
] as const

/** Inventory as the checkout saga will use it: commands in through the bus, replies out through its outbox and the relay. */
describe.each(transports)('inventory through the bus (%s)', (transport, unavailable) => {
  let store: Awaited<ReturnType<typeof openInventory>>
  let messaging: Messaging
  const prefix = `test-${services.runId}-inventory-${transport}`
  const replies: Envelope[] = []
  const collector: MessageHandler = {
    name: 'test.inventory-replies',
    messages: ['inventory.reserved.v1', 'inventory.reservation-failed.v1', 'inventory.released.v1'],
    async handle(envelope) {
      replies.push(envelope)
    },
  }
  const handlers = () => {
    const inventory = Promise.resolve({ ...store.inventory, startingStock: 'demo' as const })
    return [orderStockHandler(() => inventory), trackNewSkusHandler(() => inventory), collector]
  }
  const repliesTo = (orderId: string) =>
    replies.filter((r) => (r.payload as { orderId?: string }).orderId === orderId).map((r) => r.type)

  beforeAll(async () => {
    if (unavailable) return
    store = await openInventory()
    messaging = await startMessaging({
      sql: store.sql,
      log: quietLog,
      amqpUrl: transport === 'rabbitmq' ? services.amqpUrl : undefined,
      busPrefix: prefix,
      handlers: handlers(),
      outboxes: () => ['inventory'],
      retryDelaysMs: TEST_RETRY_DELAYS_MS,
      relayIdleMs: 100,
    })
    await messaging.transport.ready()
  })
  afterAll(async () => {
    if (unavailable) return
    await messaging?.close()
    if (transport === 'rabbitmq')
      await deleteTopology(
        services.amqpUrl!,
        prefix,
        handlers().map((h) => h.name),
      )
    await store?.close()
  })

  it.skipIf(unavailable)('counts a new product’s skus once, however often its event arrives', async () => {
    const skus = freshSkus(2)
    const event = productChanged(skus)
    // Published until inventory has it: a broker's first bindings may miss a message sent at once.
    await expect
      .poll(
        async () => {
          await messaging.transport.publish([event, event])
          return store.emitted({ sku: skus[1] })
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .not.toEqual([])
    await messaging.transport.publish([event])
    await new Promise((resolve) => setTimeout(resolve, 500))
    for (const sku of skus) {
      const expected = startingStockOf(sku, 'demo')
      expect(await store.stockOf(sku)).toEqual({ on_hand: expected, reserved: 0 })
      expect(await store.movementSums(sku)).toEqual({ on_hand: expected, reserved: 0 })
    }
  })

  it.skipIf(unavailable)(
    'answers reserve and release commands, and a repeated command holds nothing more',
    async () => {
      const [sku] = await store.stocked([6])
      const orderId = newOrderId()
      const reserveCommand = createEnvelope(ReserveInventory, { orderId, lines: [{ sku: sku!, quantity: 4 }] })
      await messaging.transport.publish([reserveCommand])
      await expect.poll(() => repliesTo(orderId), { timeout: 20_000 }).toEqual(['inventory.reserved.v1'])
      const reply = replies.find((r) => (r.payload as { orderId: string }).orderId === orderId)!
      expect(reply.correlationId).toBe(reserveCommand.correlationId)
      expect(reply.causationId).toBe(reserveCommand.id)

      // The saga sends it again (it timed out waiting): the same reply, and still 4 held.
      await messaging.transport.publish([createEnvelope(ReserveInventory, reserveCommand.payload)])
      await expect
        .poll(() => repliesTo(orderId), { timeout: 20_000 })
        .toEqual(['inventory.reserved.v1', 'inventory.reserved.v1'])
      expect(await store.stockOf(sku!)).toEqual({ on_hand: 6, reserved: 4 })

      const tooMuch = newOrderId()
      await messaging.transport.publish([
        createEnvelope(ReserveInventory, { orderId: tooMuch, lines: [{ sku: sku!, quantity: 3 }] }),
      ])
      await expect.poll(() => repliesTo(tooMuch), { timeout: 20_000 }).toEqual(['inventory.reservation-failed.v1'])

      await messaging.transport.publish([createEnvelope(ReleaseInventory, { orderId, reason: 'payment failed' })])
      await expect
        .poll(() => repliesTo(orderId), { timeout: 20_000 })
        .toEqual(['inventory.reserved.v1', 'inventory.reserved.v1', 'inventory.released.v1'])
      expect(await store.stockOf(sku!)).toEqual({ on_hand: 6, reserved: 0 })
    },
  )
})
