import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { v7 as uuidv7 } from 'uuid'
import { createEnvelope } from '#kernel/messaging/envelope'
import { PaymentCompleted } from '#layers/payment/contracts/events'
import { advanceOrder } from '../server/features/advance-order'
import { openOrdering } from './ordering-store'

describe.each([
  ['Postgres', false],
  ['embedded PGlite', true],
])('the checkout saga on %s', (_, embedded) => {
  let store: Awaited<ReturnType<typeof openOrdering>>
  beforeAll(async () => {
    store = await openOrdering({ embedded })
  })
  afterAll(() => store?.close())

  const types = async (orderId: string) => (await store.emitted(orderId)).map((m) => m.type)

  it('saves a placed order with its items, its first statuses, its event and the command that reserves its stock', async () => {
    const { orderId, orderNumber: number, status, order } = await store.placed()
    expect(number).toMatch(/^SO-\d{6,}$/)
    expect(status).toBe('InventoryReserving')
    const row = await store.orderRow(orderId)
    expect(row).toMatchObject({
      status: 'InventoryReserving',
      version: 1,
      subtotal: 4848,
      shipping: 495,
      total: 5343,
      currency: 'EUR',
    })
    expect(row.shipping_address).toEqual(order.shippingAddress)
    expect(await store.history(orderId)).toEqual(['∅ → Created', 'Created → InventoryReserving'])
    const messages = await store.emitted(orderId)
    expect(messages.map((m) => m.type)).toEqual([
      'ordering.order-created.v1',
      'ordering.order-status-changed.v1',
      'inventory.reserve.v1',
    ])
    expect(messages[0]!.payload).toMatchObject({ orderNumber: number, total: { amount: 5343, currency: 'EUR' } })
    expect(messages[2]!.payload).toEqual({
      orderId,
      lines: [
        { sku: 'TEE-RED-M', quantity: 2 },
        { sku: 'MUG-01', quantity: 1 },
      ],
    })
  })

  it('goes from reserved to paid, asking for the payment and clocking it', async () => {
    const { orderId } = await store.placed()
    await advanceOrder(store.ordering, orderId, { type: 'inventory-reserved' }, {})
    let row = await store.orderRow(orderId)
    expect(row.status).toBe('PaymentPending')
    expect(row.version).toBe(2)
    expect(row.payment_deadline_at!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000)
    const payment = (await store.emitted(orderId)).find((m) => m.type === 'payment.process.v1')!
    expect(payment.payload).toMatchObject({
      orderId,
      attempt: 1,
      amount: { amount: 5343, currency: 'EUR' },
      paymentMethod: 'pm_card_visa',
      returnPath: `/account/orders/${orderId}`,
    })

    await advanceOrder(store.ordering, orderId, { type: 'payment-completed' }, {})
    row = await store.orderRow(orderId)
    expect(row).toMatchObject({ status: 'Paid', payment_deadline_at: null })
    expect(await store.history(orderId)).toEqual([
      '∅ → Created',
      'Created → InventoryReserving',
      'InventoryReserving → InventoryReserved',
      'InventoryReserved → PaymentPending',
      'PaymentPending → Paid',
    ])
  })

  it('cancels a declined order, releases its stock and says why', async () => {
    const { orderId } = await store.placed()
    await advanceOrder(store.ordering, orderId, { type: 'inventory-reserved' }, {})
    await advanceOrder(store.ordering, orderId, { type: 'payment-failed', reason: 'Your card was declined.' }, {})
    expect(await store.orderRow(orderId)).toMatchObject({
      status: 'Cancelled',
      cancellation_reason: 'payment failed',
      payment_deadline_at: null,
    })
    const messages = await store.emitted(orderId)
    expect(messages.slice(-3).map((m) => [m.type, m.payload.newStatus ?? m.payload.reason])).toEqual([
      ['ordering.order-status-changed.v1', 'Cancelled'],
      ['inventory.release.v1', 'payment failed'],
      ['ordering.order-cancelled.v1', 'payment failed'],
    ])
  })

  it('applies a message once, however often it is delivered', async () => {
    const { orderId } = await store.placed()
    await advanceOrder(store.ordering, orderId, { type: 'inventory-reserved' }, {})
    const completed = createEnvelope(PaymentCompleted, {
      orderId,
      paymentId: uuidv7(),
      attempt: 1,
      amount: { amount: 5343, currency: 'EUR' },
    })
    const inbox = { handler: 'ordering.test', envelope: completed }
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => advanceOrder(store.ordering, orderId, { type: 'payment-completed' }, {}, inbox)),
    )
    expect(outcomes.filter((o) => 'duplicate' in o)).toHaveLength(2)
    expect((await store.history(orderId)).filter((step) => step.endsWith('→ Paid'))).toHaveLength(1)
    expect((await types(orderId)).filter((t) => t === 'ordering.order-status-changed.v1')).toHaveLength(4)
  })

  it('ends a cancel racing a payment in one consistent outcome, refunded when charged', async () => {
    for (let round = 0; round < 5; round++) {
      const { orderId } = await store.placed()
      await advanceOrder(store.ordering, orderId, { type: 'inventory-reserved' }, {})
      await Promise.all([
        advanceOrder(store.ordering, orderId, { type: 'cancel-requested' }, {}),
        advanceOrder(store.ordering, orderId, { type: 'payment-completed' }, {}),
      ])
      const { status, version } = await store.orderRow(orderId)
      const messages = await types(orderId)
      const refunds = messages.filter((t) => t === 'payment.refund.v1')
      if (status === 'Cancelled') {
        // The payment came second: Cancelled ignored it as a move, and gave the money back.
        expect(refunds).toHaveLength(1)
        expect(version).toBe(3)
      } else {
        // The payment came first: the customer may no longer cancel a paid order.
        expect(status).toBe('Paid')
        expect(refunds).toHaveLength(0)
        expect(messages).not.toContain('ordering.order-cancelled.v1')
      }
      expect((await store.history(orderId)).length).toBe(5)
    }
  })

  it('records the shipment and commits the stock; refuses what the state does not allow', async () => {
    const { orderId } = await store.placed()
    await advanceOrder(store.ordering, orderId, { type: 'inventory-reserved' }, {})
    await advanceOrder(store.ordering, orderId, { type: 'payment-completed' }, {})
    const early = await advanceOrder(store.ordering, orderId, { type: 'return-requested' }, {})
    expect(early).toMatchObject({ steps: [], ignored: 'return-requested ignored in Paid' })
    await advanceOrder(
      store.ordering,
      orderId,
      { type: 'shipment-created', carrier: 'DHL', trackingNumber: 'JD01' },
      {},
    )
    expect(await store.orderRow(orderId)).toMatchObject({ status: 'Shipped', carrier: 'DHL', tracking_number: 'JD01' })
    expect(await types(orderId)).toContain('inventory.commit.v1')
    expect(await advanceOrder(store.ordering, uuidv7(), { type: 'delivery-confirmed' }, {})).toEqual({ missing: true })
  })
})
