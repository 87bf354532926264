import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, hydrated, launchBrowser, PLAIN_HTTP_SHOP, shot } from '#test/support/browser'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import type { ShopApp } from '#test/support/shop-app'
import { ADDRESS, skusInStock, startOrdersApp } from '#test/support/orders-app'

const services = testServices()
if (process.env.CI === 'true' && !chromiumAvailable) throw new Error('Chromium is missing: apt-get install -y chromium')

describe.skipIf(!services.databaseUrl || !services.redisUrl || !chromiumAvailable)('checkout in Chromium', () => {
  let app: ShopApp
  let browser: Browser
  let sku: string

  beforeAll(async () => {
    app = await startOrdersApp({ env: PLAIN_HTTP_SHOP })
    browser = await launchBrowser()
    sku = (await skusInStock(app, 1))[0]!
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** A new customer, signed in in a phone-sized browser, with one in-stock product in the cart. */
  async function signedInWithCart(): Promise<Page> {
    const account = { email: `checkout-${crypto.randomUUID()}@example.com`, password: 'a perfectly fine passphrase' }
    const registered = await client(app).request('POST', '/api/v1/identity/register', {
      body: { ...account, firstName: 'Ada' },
    })
    expect(registered.status).toBe(201)
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await page.goto(`${app.url}/login?returnTo=/checkout`)
    await hydrated(page)
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/checkout$/)
    await expect.poll(() => page.getByRole('heading', { name: 'Your cart is empty' }).count()).toBe(1)

    const added = await page.evaluate(async (sku) => {
      const csrf = document.cookie.match(/(?:^|; )(?:__Host-)?shop-csrf=([^;]+)/)?.[1]
      const response = await fetch('/api/v1/basket/items', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
        body: JSON.stringify({ sku, quantity: 1 }),
      })
      return response.status
    }, sku)
    expect(added).toBe(200)
    await page.goto(`${app.url}/checkout`)
    await hydrated(page)
    return page
  }

  async function fillAddressAndCard(page: Page, card: string) {
    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Street and number').fill('12 Merrion Square')
    await page.getByLabel('Postcode').fill('D02 XY45')
    await page.getByLabel('Town or city').fill('Dublin')
    await page.getByRole('button', { name: new RegExp(card) }).click()
  }

  it('takes a signed-in shopper from checkout to Paid without a reload', async () => {
    const page = await signedInWithCart()
    await shot(page, 'checkout')
    // A mistake first: the page names the field and places nothing.
    await page.getByRole('button', { name: 'Place order and pay' }).click()
    await expect.poll(() => page.getByText('Enter the full name.').count()).toBe(1)
    await expect.poll(() => page.getByText('Enter the card number.').count()).toBe(1)
    await shot(page, 'checkout-errors')
    expect(page.url()).toMatch(/\/checkout$/)

    await fillAddressAndCard(page, '4242 4242 4242 4242')
    const cartCount = page.locator('.cart-link__count')
    await expect.poll(() => cartCount.textContent()).toBe('1')
    await page.getByRole('button', { name: 'Place order and pay' }).click()
    await page.waitForURL(/\/account\/orders\/[0-9a-f-]{36}$/)
    const navigations: string[] = []
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()))
    await expect.poll(() => page.getByText('Thank you: your order is confirmed').count(), { timeout: 20_000 }).toBe(1)
    expect(navigations).toEqual([]) // it moved to Paid by itself
    expect(await page.locator('.ui-badge').first().textContent()).toBe('Paid')
    expect(await page.locator('.order-timeline__note').allTextContents()).toContain('Payment received')
    // The header's cart follows the paid lines out of the cart, still without a reload, whichever
    // of the basket and the order page hears of the payment first.
    await expect.poll(() => cartCount.count(), { timeout: 20_000 }).toBe(0)
    await shot(page, 'order-paid')

    await page.goto(`${app.url}/account/orders`)
    await expect.poll(() => page.locator('.orders-list__order').count()).toBe(1)
    await shot(page, 'orders')
  })

  it('empties the header’s cart when the order was already Paid as its page opened', async () => {
    const page = await signedInWithCart()
    const cartCount = page.locator('.cart-link__count')
    await expect.poll(() => cartCount.textContent()).toBe('1')
    // A quick payment is over before the order page first reads the order: placed and paid here,
    // behind the page's back, then the page goes there without a reload, its cart count still 1.
    const orderId = await page.evaluate(async (shippingAddress) => {
      const csrf = document.cookie.match(/(?:^|; )(?:__Host-)?shop-csrf=([^;]+)/)?.[1] ?? ''
      const placed = await fetch('/api/v1/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ shippingAddress, paymentMethod: 'pm_card_visa' }),
      })
      const { orderId } = (await placed.json()) as { orderId: string }
      for (let tries = 0; tries < 200; tries++) {
        const order = (await (await fetch(`/api/v1/orders/${orderId}`)).json()) as { status: string }
        if (order.status === 'Paid') return orderId
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`order ${orderId} did not reach Paid`)
    }, ADDRESS)
    expect(await cartCount.textContent()).toBe('1')
    await page.evaluate((path) => {
      ;(window as { notReloaded?: boolean }).notReloaded = true
      type Router = { push(path: string): Promise<unknown> }
      const app = document.querySelector('#__nuxt') as {
        __vue_app__?: { config: { globalProperties: { $router: Router } } }
      }
      return app.__vue_app__!.config.globalProperties.$router.push(path)
    }, `/account/orders/${orderId}`)
    await expect.poll(() => page.getByText('Thank you: your order is confirmed').count()).toBe(1)
    await expect.poll(() => cartCount.count(), { timeout: 20_000 }).toBe(0)
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true)
  })

  it('shows a declined card’s reason, and keeps the cart for another try', async () => {
    const page = await signedInWithCart()
    await fillAddressAndCard(page, '4000 0000 0000 0002')
    await page.getByRole('button', { name: 'Place order and pay' }).click()
    await page.waitForURL(/\/account\/orders\//)
    await expect.poll(() => page.getByText('This order was cancelled').count(), { timeout: 20_000 }).toBe(1)
    expect(await page.locator('.order-page__notice').textContent()).toMatch(/Payment failed: .*declined/i)
    await shot(page, 'order-declined')
    await page.getByRole('link', { name: 'your cart' }).click()
    await page.waitForURL(/\/cart$/)
    await expect.poll(() => page.locator('.cart-line').count()).toBe(1)
  })
})
