import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEnvelope } from '#kernel/messaging/envelope'
import { busTransports, startModuleBus, type ModuleBus } from '#test/support/module-bus'
import { ReleaseInventory, ReserveInventory } from '../contracts/events'
import { orderStockHandler } from '../server/consumers/order-stock'
import { trackNewSkusHandler } from '../server/consumers/track-new-skus'
import { startingStockOf } from '../server/domain/starting-stock'
import { freshSkus, newOrderId, openInventory, productChanged } from './inventory-store'

/** Inventory as the checkout saga will use it: commands in through the bus, replies out through its outbox and the relay. */
describe.each(busTransports())('inventory through the bus (%s)', (transport, unavailable) => {
  let store: Awaited<ReturnType<typeof openInventory>>
  let bus: ModuleBus
  const repliesTo = (orderId: string) => bus.typesFor(orderId)

  beforeAll(async () => {
    if (unavailable) return
    store = await openInventory()
    const inventory = Promise.resolve({ ...store.inventory, startingStock: 'demo' as const })
    bus = await startModuleBus({
      module: 'inventory',
      transport,
      sql: store.sql,
      handlers: [orderStockHandler(() => inventory), trackNewSkusHandler(() => inventory)],
      collect: ['inventory.reserved.v1', 'inventory.reservation-failed.v1', 'inventory.released.v1'],
    })
  })
  afterAll(async () => {
    if (unavailable) return
    await bus?.close()
    await store?.close()
  })

  it.skipIf(unavailable)('counts a new product’s skus once, however often its event arrives', async () => {
    const skus = freshSkus(2)
    const event = productChanged(skus)
    // Counted is what to wait for: a sku whose demo stock is none announces no change of availability.
    await bus.publish(event, event)
    await expect
      .poll(
        async () =>
          (await store.inventory.db.selectFrom('stock').select('sku').where('sku', 'in', skus).execute()).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(2)
    await bus.publish(event)
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
      await bus.publish(reserveCommand)
      await expect.poll(() => repliesTo(orderId), { timeout: 20_000 }).toEqual(['inventory.reserved.v1'])
      const reply = bus.collected.find((r) => (r.payload as { orderId: string }).orderId === orderId)!
      expect(reply.correlationId).toBe(reserveCommand.correlationId)
      expect(reply.causationId).toBe(reserveCommand.id)

      // The saga sends it again (it timed out waiting): the same reply, and still 4 held.
      await bus.publish(createEnvelope(ReserveInventory, reserveCommand.payload))
      await expect
        .poll(() => repliesTo(orderId), { timeout: 20_000 })
        .toEqual(['inventory.reserved.v1', 'inventory.reserved.v1'])
      expect(await store.stockOf(sku!)).toEqual({ on_hand: 6, reserved: 4 })

      const tooMuch = newOrderId()
      await bus.publish(createEnvelope(ReserveInventory, { orderId: tooMuch, lines: [{ sku: sku!, quantity: 3 }] }))
      await expect.poll(() => repliesTo(tooMuch), { timeout: 20_000 }).toEqual(['inventory.reservation-failed.v1'])

      await bus.publish(createEnvelope(ReleaseInventory, { orderId, reason: 'payment failed' }))
      await expect
        .poll(() => repliesTo(orderId), { timeout: 20_000 })
        .toEqual(['inventory.reserved.v1', 'inventory.reserved.v1', 'inventory.released.v1'])
      expect(await store.stockOf(sku!)).toEqual({ on_hand: 6, reserved: 0 })
    },
  )
})
