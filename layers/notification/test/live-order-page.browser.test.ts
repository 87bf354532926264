import type { Browser, WebSocket } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, hydrated, launchBrowser, PLAIN_HTTP_SHOP, shot } from '#test/support/browser'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { accessToken, ADMIN, type ShopApp } from '#test/support/shop-app'
import { aCustomer, ORDERS, skusInStock, startOrdersApp } from '#test/support/orders-app'

const services = testServices()
if (process.env.CI === 'true' && !chromiumAvailable) throw new Error('Chromium is missing: apt-get install -y chromium')

describe.skipIf(!services.databaseUrl || !services.redisUrl || !chromiumAvailable)('live updates in Chromium', () => {
  let app: ShopApp
  let browser: Browser
  let sku: string

  beforeAll(async () => {
    // Accounts are made from addresses of their own (X-Forwarded-For), leaving 127.0.0.1's
    // registrations, which the run's apps share in Redis, to the tests that sign up in the page.
    app = await startOrdersApp({ env: { ...PLAIN_HTTP_SHOP, TRUST_PROXY_HOPS: '1' } })
    browser = await launchBrowser()
    sku = (await skusInStock(app, 1))[0]!
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** A phone-sized browser signed in as `account`, on `path`, and the live connections it opened. */
  async function signedIn(account: { email: string; password: string }, path: string) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    const sockets: WebSocket[] = []
    page.on('websocket', (socket) => socket.url().endsWith('/api/v1/notifications/ws') && sockets.push(socket))
    await page.goto(`${app.url}/login?returnTo=${encodeURIComponent(path)}`)
    await hydrated(page)
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${app.url}${path}`)
    await hydrated(page)
    return { page, sockets }
  }

  it('shows Shipped on the open order page, with a toast and the bell’s count, when an admin ships it', async () => {
    const account = { email: `live-${crypto.randomUUID()}@example.com`, password: 'a perfectly fine passphrase' }
    const customer = await aCustomer(app, await accessToken(app.url, { ...account, firstName: 'Ada' }))
    await customer.addToCart(sku)
    const { orderId, orderNumber } = await customer.placed()
    await customer.reaches(orderId, 'Paid')

    const { page, sockets } = await signedIn(account, `/account/orders/${orderId}`)
    // Opened as the sign-in succeeded, and kept as the app moved on to the order.
    await expect.poll(() => sockets.length).toBe(1)
    const socket = sockets[0]!
    await expect.poll(() => page.locator('.ui-badge').first().textContent()).toBe('Paid')
    const navigations: string[] = []
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()))
    const heard = socket.waitForEvent('framereceived', {
      predicate: (frame) => String(frame.payload).includes('"Shipped"'),
    })

    const admin = await accessToken(app.url, ADMIN, 'login')
    const shipped = await client(app).request('POST', `${ORDERS}/admin/${orderId}/shipment`, {
      bearer: admin,
      body: { carrier: 'DHL', trackingNumber: 'JD0146 0000 0077' },
    })
    expect(shipped.status).toBe(200)

    // Told by the socket: the page polls only every 30 s once an order is paid.
    await heard
    await expect.poll(() => page.locator('.ui-badge').first().textContent(), { timeout: 10_000 }).toBe('Shipped')
    // The payment, kept while no page was open, was announced as the page connected; now the shipment.
    await expect
      .poll(() => page.locator('.ui-toast__title').allTextContents())
      .toEqual([`Order ${orderNumber}: Paid`, `Order ${orderNumber}: Shipped`])
    await expect.poll(() => page.getByText('JD0146 0000 0077').count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('link', { name: /Notifications, 2 unread/ }).count()).toBe(1)
    expect(navigations).toEqual([])
    await shot(page, 'order-shipped-live')

    // The bell leads to the notices; opening one marks it read.
    await page.getByRole('link', { name: /Notifications, 2 unread/ }).click()
    await page.waitForURL(`${app.url}/account/notifications`)
    await expect.poll(() => page.locator('.notifications-list__item').count()).toBe(2)
    await shot(page, 'notifications')
    await page.getByRole('link', { name: new RegExp(`Order ${orderNumber} is on its way`) }).click()
    await page.waitForURL(`${app.url}/account/orders/${orderId}`)
    await expect.poll(() => page.getByRole('link', { name: /Notifications, 1 unread/ }).count()).toBe(1)
  })

  it('lets an admin read the mailbox, and keeps customers out of it', async () => {
    const { page } = await signedIn(ADMIN, '/admin/mailbox')
    await expect.poll(() => page.locator('.mailbox__mail').count()).toBeGreaterThan(0)
    await page.locator('.mailbox__mail summary').first().click()
    await shot(page, 'mailbox')
    // A recipient typed wrong in the address bar is named as the mistake, not as a failure of the shop.
    await page.goto(`${app.url}/admin/mailbox?to=not-an-address`)
    await expect
      .poll(() => page.locator('.field__error').textContent())
      .toBe('Enter a whole email address, like name@example.com, or leave it empty.')
    expect(await page.locator('.mailbox__mail').count()).toBe(0)

    const account = { email: `not-admin-${crypto.randomUUID()}@example.com`, password: 'a perfectly fine passphrase' }
    await accessToken(app.url, { ...account, firstName: 'Sam' })
    const { page: customer } = await signedIn(account, '/account')
    const response = await customer.goto(`${app.url}/admin/mailbox`)
    expect(response?.status()).toBe(403)
    await expect.poll(() => customer.getByRole('alert').textContent()).toBe('This page is for the shop’s admins.')
    expect(await customer.locator('.mailbox__mail').count()).toBe(0)
  })
})
