import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import type { ShopApp } from '#test/support/shop-app'
import type { AdminOrderPageDto, OrderDto, OrderHistoryDto, OrderPageDto } from '../contracts'
import { aCustomer, openLedger, ORDERS, skusInStock, startOrdersApp, type Customer } from '#test/support/orders-app'

const services = testServices()

/** Checkout over HTTP, as a shopper's browser or an API client does it, against the built app. */
describe.skipIf(!services.databaseUrl || !services.redisUrl)('orders over HTTP', () => {
  let app: ShopApp
  let skus: string[]
  let admin: string
  let ledger: Awaited<ReturnType<typeof openLedger>>
  const asAdmin = (method: string, path: string, body?: unknown) =>
    client(app).request(method, path, { bearer: admin, body })

  /**
   * A customer with `lines` in-stock skus in their cart, one of each, from `skus[from]` on. A test
   * that counts stock uses skus no other test's order may still be releasing.
   */
  async function shopperWithCart(lines = 2, from = 0): Promise<Customer> {
    const shopper = await aCustomer(app)
    for (const sku of skus.slice(from, from + lines)) await shopper.addToCart(sku)
    return shopper
  }

  beforeAll(async () => {
    app = await startOrdersApp()
    skus = await skusInStock(app, 4)
    admin = await app.token('admin')
    ledger = await openLedger()
  })
  afterAll(async () => {
    await ledger?.close()
    await app?.close()
  })

  it('places an order from the cart (202 and a Location to poll), takes it to Paid, then takes its lines out of the cart', async () => {
    const shopper = await shopperWithCart()
    const response = await shopper.checkout('pm_card_visa', randomUUID())
    expect(response.status).toBe(202)
    const placed = (await response.json()) as { orderId: string; orderNumber: string; status: string }
    expect(placed).toMatchObject({ orderNumber: expect.stringMatching(/^SO-\d{6,}$/), status: 'InventoryReserving' })
    expect(response.headers.get('location')).toBe(`${ORDERS}/${placed.orderId}`)
    // Shopping on while the payment goes through: what is added now is not part of the order.
    await shopper.addToCart(skus[2]!)

    const paid = await shopper.reaches(placed.orderId, 'Paid')
    expect(paid.lines.map((line) => line.sku)).toEqual(skus.slice(0, 2))
    const subtotal = paid.lines.reduce((sum, line) => sum + line.lineTotal.amount, 0)
    expect(paid.subtotal.amount).toBe(subtotal)
    expect(paid.total.amount).toBe(subtotal + paid.shipping.amount)
    expect(paid.shipping.amount).toBe(subtotal >= 5000 ? 0 : 495)
    expect(paid.actions).toEqual(['refund'])
    expect(await ledger.payments(placed.orderId)).toEqual([
      { status: 'succeeded', amount: paid.total.amount, refunded: 0 },
    ])
    await expect.poll(() => shopper.cartSkus()).toEqual([skus[2]])

    const history = await shopper.json<OrderHistoryDto>('GET', `${ORDERS}/${placed.orderId}/history`)
    expect(history.steps.map((step) => step.to)).toEqual([
      'Created',
      'InventoryReserving',
      'InventoryReserved',
      'PaymentPending',
      'Paid',
    ])
    const mine = await shopper.json<OrderPageDto>('GET', ORDERS)
    expect(mine).toMatchObject({ total: 1, items: [{ id: placed.orderId, status: 'Paid', itemCount: 2 }] })
  })

  it('answers a retried request with the same order, and refuses the same key with another body', async () => {
    const shopper = await shopperWithCart(1)
    const key = randomUUID()
    const [first, second] = await Promise.all([
      shopper.checkout('pm_card_visa', key),
      shopper.checkout('pm_card_visa', key),
    ])
    expect([first.status, second.status]).toEqual([202, 202])
    const [a, b] = (await Promise.all([first.json(), second.json()])) as { orderId: string }[]
    expect(b!.orderId).toBe(a!.orderId)
    const later = await shopper.checkout('pm_card_visa', key)
    expect(((await later.json()) as { orderId: string }).orderId).toBe(a!.orderId)

    const reused = await shopper.checkout('pm_card_mastercard', key)
    expect(reused.status).toBe(422)
    expect(await reused.json()).toMatchObject({ code: 'idempotency-key-reused' })
    expect((await shopper.json<OrderPageDto>('GET', ORDERS)).total).toBe(1)
  })

  it('cancels an order whose card is declined, says why, and keeps the cart for another try', async () => {
    const shopper = await shopperWithCart(1)
    const { orderId } = await shopper.placed('pm_card_chargeDeclined')
    const cancelled = await shopper.reaches(orderId, 'Cancelled')
    expect(cancelled).toMatchObject({ cancellationReason: 'payment failed', actions: [] })
    expect(cancelled.statusNote).toMatch(/^Payment failed: .*declined/i)
    expect(await shopper.cartSkus()).toEqual([skus[0]])
  })

  it('refuses an empty cart, a bad address, a bad payment method, a changed total and a bad key, placing nothing', async () => {
    const empty = await aCustomer(app)
    const none = await empty.checkout()
    expect(none.status).toBe(422)
    expect(await none.json()).toMatchObject({ code: 'empty-basket', detail: expect.stringMatching(/cart is empty/) })

    const shopper = await shopperWithCart(1)
    const badAddress = await shopper.checkout('pm_card_visa', undefined, {
      shippingAddress: { fullName: ' ', line1: 'Main Street 1', city: 'Paris', postalCode: '75001', country: 'US' },
    })
    expect(badAddress.status).toBe(400)
    const problem = (await badAddress.json()) as { errors: { field: string; message: string }[] }
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'shippingAddress.fullName', message: 'Enter the full name.' },
        { field: 'shippingAddress.country', message: 'Choose a country we deliver to.' },
      ]),
    )
    expect((await shopper.checkout('4242424242424242')).status).toBe(400)
    const changed = await shopper.checkout('pm_card_visa', undefined, { expectedTotal: 1 })
    expect(changed.status).toBe(409)
    expect(await changed.json()).toMatchObject({ code: 'total-changed' })
    expect((await shopper.checkout('pm_card_visa', 'not a key')).status).toBe(400)
    expect((await shopper.json<OrderPageDto>('GET', ORDERS)).total).toBe(0)
    expect((await client(app).request('POST', ORDERS, { body: {} })).status).toBe(401)
  })

  it("shows a customer only their own orders: anyone else's is a 404", async () => {
    const owner = await shopperWithCart(1)
    const { orderId } = await owner.placed()
    const stranger = await aCustomer(app)
    expect((await stranger.call('GET', `${ORDERS}/${orderId}`)).status).toBe(404)
    expect((await stranger.call('GET', `${ORDERS}/${orderId}/history`)).status).toBe(404)
    expect((await stranger.call('POST', `${ORDERS}/${orderId}/cancel`)).status).toBe(404)
    expect((await stranger.call('GET', `${ORDERS}/not-an-id`)).status).toBe(400)
    expect((await stranger.json<OrderPageDto>('GET', ORDERS)).total).toBe(0)
    expect((await owner.call('GET', `${ORDERS}/admin`)).status).toBe(403)
  })

  it('lets a customer cancel while the payment waits for authentication, and refuses it once cancelled', async () => {
    const shopper = await shopperWithCart(1)
    const { orderId } = await shopper.placed('pm_card_authenticationRequired')
    const waiting = await shopper.reaches(orderId, 'PaymentPending')
    await expect.poll(async () => (await shopper.order(orderId)).paymentActionUrl).toMatch(/\/payments\/simulated\//)
    expect(waiting.actions).toEqual(['cancel'])
    expect(waiting.paymentDueAt).not.toBeNull()

    const cancel = await shopper.call('POST', `${ORDERS}/${orderId}/cancel`)
    expect(cancel.status).toBe(200)
    expect(await cancel.json()).toMatchObject({ status: 'Cancelled', cancellationReason: 'cancelled by the customer' })
    const again = await shopper.call('POST', `${ORDERS}/${orderId}/cancel`)
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ detail: expect.stringMatching(/can no longer be cancelled/) })
  })

  it('refunds a paid order the customer asks to refund, and gives back the stock it held', async () => {
    const before = await ledger.stock(skus[2]!)
    const shopper = await shopperWithCart(1, 2)
    const { orderId } = await shopper.placed()
    const paid = await shopper.reaches(orderId, 'Paid')
    expect(await ledger.stock(skus[2]!)).toEqual({ onHand: before.onHand, reserved: before.reserved + 1 })
    expect((await shopper.call('POST', `${ORDERS}/${orderId}/return`)).status).toBe(409)
    const asked = await shopper.call('POST', `${ORDERS}/${orderId}/refund`)
    expect(asked.status).toBe(200)
    expect(await asked.json()).toMatchObject({ status: 'Refunding' })
    await shopper.reaches(orderId, 'Refunded')
    expect(await ledger.payments(orderId)).toEqual([
      { status: 'refunded', amount: paid.total.amount, refunded: paid.total.amount },
    ])
    await expect.poll(() => ledger.stock(skus[2]!)).toEqual(before)
  })

  it('ships, delivers, and takes back a return as an admin, with the customer asking for the return', async () => {
    const before = await ledger.stock(skus[3]!)
    const shopper = await shopperWithCart(2, 2)
    const { orderId, orderNumber } = await shopper.placed()
    const paid = await shopper.reaches(orderId, 'Paid')

    const badShipment = await asAdmin('POST', `${ORDERS}/admin/${orderId}/shipment`, {
      carrier: '',
      trackingNumber: '',
    })
    expect(badShipment.status).toBe(400)
    const shipped = await asAdmin('POST', `${ORDERS}/admin/${orderId}/shipment`, {
      carrier: 'DHL',
      trackingNumber: 'JD0146 0000 0001',
    })
    expect(shipped.status).toBe(200)
    expect(await shipped.json()).toMatchObject({
      status: 'Shipped',
      shipment: { carrier: 'DHL', trackingNumber: 'JD0146 0000 0001' },
    })
    expect((await shopper.order(orderId)).actions).toEqual(['return'])
    await expect.poll(() => ledger.stock(skus[3]!)).toEqual({ onHand: before.onHand - 1, reserved: before.reserved })
    expect((await shopper.call('POST', `${ORDERS}/${orderId}/return`)).status).toBe(200)
    expect((await asAdmin('POST', `${ORDERS}/admin/${orderId}/delivery`)).status).toBe(409)
    const received = await asAdmin('POST', `${ORDERS}/admin/${orderId}/return-receipt`)
    expect(await received.json()).toMatchObject({ status: 'Returned' })
    await expect.poll(() => ledger.stock(skus[3]!)).toEqual(before)
    await expect
      .poll(() => ledger.payments(orderId))
      .toEqual([{ status: 'refunded', amount: paid.total.amount, refunded: paid.total.amount }])

    const found = (await (await asAdmin('GET', `${ORDERS}/admin?number=${orderNumber}`)).json()) as AdminOrderPageDto
    expect(found.items).toEqual([
      expect.objectContaining({ id: orderId, status: 'Returned', userId: expect.any(String) }),
    ])
    const byStatus = (await (
      await asAdmin('GET', `${ORDERS}/admin?status=Returned&from=2000-01-01`)
    ).json()) as AdminOrderPageDto
    expect(byStatus.items.every((order) => order.status === 'Returned')).toBe(true)
    expect(byStatus.items.map((order) => order.id)).toContain(orderId)
    const admins = (await (await asAdmin('GET', `${ORDERS}/admin/${orderId}/history`)).json()) as OrderHistoryDto
    expect(admins.steps.slice(-3).map((step) => step.to)).toEqual(['Shipped', 'Returning', 'Returned'])
    expect((await asAdmin('GET', `${ORDERS}/admin?status=Lost`)).status).toBe(400)
  })

  it('marks a shipped order delivered', async () => {
    const shopper = await shopperWithCart(1)
    const { orderId } = await shopper.placed()
    await shopper.reaches(orderId, 'Paid')
    await asAdmin('POST', `${ORDERS}/admin/${orderId}/shipment`, { carrier: 'UPS', trackingNumber: '1Z999' })
    const delivered = (await (await asAdmin('POST', `${ORDERS}/admin/${orderId}/delivery`)).json()) as OrderDto
    expect(delivered).toMatchObject({ status: 'Delivered', actions: [] })
  })

  it("marks the review of a product the customer bought a verified purchase, and nobody else's", async () => {
    const shopper = await shopperWithCart(1)
    const { orderId } = await shopper.placed()
    const order = await shopper.reaches(orderId, 'Paid')
    const review = { rating: 5, title: 'Works', comment: 'As described.', authorName: 'Ada' }
    const path = `/api/v1/catalog/products/${order.lines[0]!.slug}/reviews`
    expect(await shopper.json('POST', path, review)).toMatchObject({ verified: true })
    const stranger = await aCustomer(app)
    expect(await stranger.json('POST', path, review)).toMatchObject({ verified: false })
  })
})
