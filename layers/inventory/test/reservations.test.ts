import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { commit } from '../server/features/commit'
import { keep } from '../server/features/keep'
import { release } from '../server/features/release'
import { releaseExpired } from '../server/features/release-expired'
import { reserve } from '../server/features/reserve'
import { restock } from '../server/features/restock'
import { newOrderId, openInventory } from './inventory-store'

const services = testServices()

describe.skipIf(!services.databaseUrl)('reservations on the real Postgres', () => {
  let store: Awaited<ReturnType<typeof openInventory>>
  beforeAll(async () => {
    store = await openInventory()
  })
  afterAll(async () => {
    await store?.close()
  })

  it('lets exactly 10 of 50 concurrent one-unit orders have a sku with 10 on hand', async () => {
    const [sku] = await store.stocked([10])
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => reserve(store.inventory, newOrderId(), [{ sku: sku!, quantity: 1 }])),
    )
    expect(outcomes.filter((o) => o.reserved)).toHaveLength(10)
    const failed = outcomes.filter((o) => !o.reserved)
    expect(failed).toHaveLength(40)
    for (const outcome of failed)
      expect(outcome).toEqual({ reserved: false, shortLines: [{ sku, requested: 1, available: 0 }] })
    expect(await store.stockOf(sku!)).toEqual({ on_hand: 10, reserved: 10 })
    expect(await store.movementSums(sku!)).toEqual({ on_hand: 10, reserved: 10 })
  })

  it('reserves nothing of a two-line order that is short on one line, and names that line', async () => {
    const [plenty, scarce] = await store.stocked([20, 2])
    const orderId = newOrderId()
    const outcome = await reserve(store.inventory, orderId, [
      { sku: plenty!, quantity: 3 },
      { sku: scarce!, quantity: 5 },
    ])
    expect(outcome).toEqual({ reserved: false, shortLines: [{ sku: scarce, requested: 5, available: 2 }] })
    expect(await store.stockOf(plenty!)).toEqual({ on_hand: 20, reserved: 0 })
    expect(await store.stockOf(scarce!)).toEqual({ on_hand: 2, reserved: 0 })
    // The hold on the first line, its movement and the reply written before the short line are undone.
    expect(await store.movementSums(plenty!)).toEqual({ on_hand: 20, reserved: 0 })
    expect((await store.emitted({ orderId })).map((m) => m.type)).toEqual(['inventory.reservation-failed.v1'])
  })

  it('counts a sku inventory does not track as having none', async () => {
    const [known] = await store.stocked([5])
    const outcome = await reserve(store.inventory, newOrderId(), [
      { sku: known!, quantity: 1 },
      { sku: 'INV-NOBODY-COUNTS-THIS', quantity: 1 },
    ])
    expect(outcome).toEqual({
      reserved: false,
      shortLines: [{ sku: 'INV-NOBODY-COUNTS-THIS', requested: 1, available: 0 }],
    })
    expect(await store.stockOf(known!)).toEqual({ on_hand: 5, reserved: 0 })
  })

  it('replies the same outcome to a repeated command and holds nothing more, even when both arrive at once', async () => {
    const [sku] = await store.stocked([8])
    const orderId = newOrderId()
    const lines = [{ sku: sku!, quantity: 3 }]
    const [first, second] = await Promise.all([
      reserve(store.inventory, orderId, lines),
      reserve(store.inventory, orderId, lines),
    ])
    const third = await reserve(store.inventory, orderId, lines)
    expect(first).toMatchObject({ reserved: true })
    expect(second).toEqual(first)
    expect(third).toEqual(first)
    expect(await store.stockOf(sku!)).toEqual({ on_hand: 8, reserved: 3 })
    const replies = (await store.emitted({ orderId })).map((m) => m.type)
    expect(replies).toEqual(['inventory.reserved.v1', 'inventory.reserved.v1', 'inventory.reserved.v1'])

    const failedOrder = newOrderId()
    const tooMany = [{ sku: sku!, quantity: 6 }]
    expect(await reserve(store.inventory, failedOrder, tooMany)).toMatchObject({ reserved: false })
    await store.inventory.db.updateTable('stock').set({ on_hand: 100 }).where('sku', '=', sku!).execute()
    // Stock that arrives later does not turn a failed order into a reserved one: the saga has moved on.
    expect(await reserve(store.inventory, failedOrder, tooMany)).toMatchObject({ reserved: false })
    expect(await store.stockOf(sku!)).toEqual({ on_hand: 100, reserved: 3 })
  })

  it('releases what an order holds once, and a release of an order that holds nothing changes nothing', async () => {
    const [a, b] = await store.stocked([4, 9])
    const orderId = newOrderId()
    await reserve(store.inventory, orderId, [
      { sku: a!, quantity: 4 },
      { sku: b!, quantity: 2 },
    ])
    expect(await store.stockOf(a!)).toEqual({ on_hand: 4, reserved: 4 })
    expect(await release(store.inventory, orderId, 'payment failed')).toBe(true)
    expect(await release(store.inventory, orderId, 'payment failed')).toBe(false)
    expect(await release(store.inventory, newOrderId(), 'never reserved')).toBe(false)
    expect(await store.stockOf(a!)).toEqual({ on_hand: 4, reserved: 0 })
    expect(await store.stockOf(b!)).toEqual({ on_hand: 9, reserved: 0 })
    expect(await store.movementSums(a!)).toEqual({ on_hand: 4, reserved: 0 })
    const messages = await store.emitted({ orderId })
    expect(messages.map((m) => m.type)).toEqual(['inventory.reserved.v1', 'inventory.released.v1'])
    expect(messages[1]!.payload).toMatchObject({ reason: 'payment failed', expired: false })
    // Sold out, then back: each change of what shoppers are told is announced for the sku's pages.
    expect((await store.emitted({ sku: a })).map((m) => m.payload.availability)).toEqual([
      { state: 'low', left: 4 },
      { state: 'out-of-stock' },
      { state: 'low', left: 4 },
    ])
  })

  it('takes shipped units off the shelf, and puts a confirmed return back', async () => {
    const [sku] = await store.stocked([12])
    const orderId = newOrderId()
    await reserve(store.inventory, orderId, [{ sku: sku!, quantity: 5 }])
    expect(await commit(store.inventory, orderId)).toBe(true)
    expect(await commit(store.inventory, orderId)).toBe(false)
    expect(await release(store.inventory, orderId, 'too late')).toBe(false)
    expect(await store.stockOf(sku!)).toEqual({ on_hand: 7, reserved: 0 })
    expect(await restock(store.inventory, orderId)).toBe(true)
    expect(await restock(store.inventory, orderId)).toBe(false)
    expect(await store.stockOf(sku!)).toEqual({ on_hand: 12, reserved: 0 })
    expect(await store.movementSums(sku!)).toEqual({ on_hand: 12, reserved: 0 })
    expect((await store.emitted({ orderId })).map((m) => m.type)).toEqual([
      'inventory.reserved.v1',
      'inventory.committed.v1',
      'inventory.restocked.v1',
    ])
  })

  it('releases a hold that expired, and says so in the movement log', async () => {
    const shortHold = await openInventory({ holdMs: 1 })
    try {
      const [sku] = await shortHold.stocked([3])
      const orderId = newOrderId()
      await reserve(shortHold.inventory, orderId, [{ sku: sku!, quantity: 2 }])
      const unexpired = newOrderId()
      await reserve(store.inventory, unexpired, [{ sku: sku!, quantity: 1 }])
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(await releaseExpired(shortHold.inventory)).toBeGreaterThanOrEqual(1)
      expect(await shortHold.stockOf(sku!)).toEqual({ on_hand: 3, reserved: 1 })
      const note = await shortHold.inventory.db
        .selectFrom('movements')
        .select(['reason', 'note'])
        .where('order_id', '=', orderId)
        .where('reason', '=', 'released')
        .executeTakeFirstOrThrow()
      expect(note).toEqual({ reason: 'released', note: 'hold expired: the order did not finish in time' })
      expect((await shortHold.emitted({ orderId })).at(-1)).toMatchObject({
        type: 'inventory.released.v1',
        payload: { expired: true },
      })
      // A hold that has not expired stays, and the order can still ship.
      expect(await commit(store.inventory, unexpired)).toBe(true)
    } finally {
      await shortHold.close()
    }
  })

  it("keeps a paid order's hold past its expiry, until it ships", async () => {
    const shortHold = await openInventory({ holdMs: 1 })
    try {
      const [sku] = await shortHold.stocked([3])
      const paid = newOrderId()
      await reserve(shortHold.inventory, paid, [{ sku: sku!, quantity: 2 }])
      expect(await keep(shortHold.inventory, paid)).toBe(true)
      expect(await keep(shortHold.inventory, paid)).toBe(true) // a repeat changes nothing
      await new Promise((resolve) => setTimeout(resolve, 20))
      await releaseExpired(shortHold.inventory)
      expect(await shortHold.stockOf(sku!)).toEqual({ on_hand: 3, reserved: 2 })
      expect(await commit(shortHold.inventory, paid)).toBe(true)
      expect(await shortHold.stockOf(sku!)).toEqual({ on_hand: 1, reserved: 0 })
      expect(await keep(shortHold.inventory, paid)).toBe(false) // shipped: nothing held to keep
    } finally {
      await shortHold.close()
    }
  })
})
