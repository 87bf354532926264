import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { waitForCatalog } from '#scripts/lib/demo-shop'
import { openLive } from '#test/support/live-socket'
import { aCustomer, ORDERS, skusInStock } from '#test/support/orders-app'

/** A newcomer's `npm run dev`: PGlite, the in-process bus and the in-memory Redis take the order from cart to Paid. */
describe('checkout on the embedded defaults', () => {
  let app: AppProcess
  let dataDir: string
  let skus: string[]

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-orders-embedded-'))
    app = await startApp({ DATA_DIR: dataDir })
    await waitForCatalog(app.url)
    skus = await skusInStock(app, 2)
  })
  afterAll(async () => {
    await app?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('takes a cart to Paid and empties it, live and in the bell; a declined card cancels and keeps the cart', async () => {
    const shopper = await aCustomer(app)
    const live = await openLive(app, { authorization: `Bearer ${shopper.bearer}` })
    await shopper.addToCart(skus[0]!, 2)
    const { orderId, orderNumber } = await shopper.placed()
    const paid = await shopper.reaches(orderId, 'Paid')
    expect(paid.lines).toEqual([expect.objectContaining({ sku: skus[0], quantity: 2 })])
    await expect.poll(() => shopper.cartSkus()).toEqual([])
    await expect
      .poll(() => live.messages.at(-1))
      .toMatchObject({ type: 'OrderStatusChanged', orderId, newStatus: 'Paid' })
    live.close()
    const notices = await shopper.json<{ items: { title: string }[] }>('GET', '/api/v1/notifications')
    expect(notices.items.map((notice) => notice.title)).toEqual([`Order ${orderNumber} confirmed`])

    await shopper.addToCart(skus[1]!)
    const declined = await shopper.placed('pm_card_chargeDeclined')
    expect(await shopper.reaches(declined.orderId, 'Cancelled')).toMatchObject({ cancellationReason: 'payment failed' })
    expect(await shopper.cartSkus()).toEqual([skus[1]])
  })

  it('cancels at the customer’s request while the payment waits for authentication, and keeps the cart', async () => {
    const shopper = await aCustomer(app)
    await shopper.addToCart(skus[1]!)
    const { orderId } = await shopper.placed('pm_card_authenticationRequired')
    await shopper.reaches(orderId, 'PaymentPending')
    const cancelled = await shopper.call('POST', `${ORDERS}/${orderId}/cancel`)
    expect(await cancelled.json()).toMatchObject({ status: 'Cancelled', actions: [] })
    expect(await shopper.cartSkus()).toEqual([skus[1]])
  })
})
