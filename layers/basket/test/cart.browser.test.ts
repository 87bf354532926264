import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, hydrated, launchBrowser } from '#test/support/browser'
import { client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { demoSkus, startBasketApp, type BasketApp } from './basket-app'

const services = testServices()
if (process.env.CI === 'true' && !chromiumAvailable) throw new Error('Chromium is missing: apt-get install -y chromium')

describe.skipIf(!services.databaseUrl || !services.redisUrl || !chromiumAvailable)('the cart in Chromium', () => {
  let app: BasketApp
  let browser: Browser
  let products: Awaited<ReturnType<typeof demoSkus>>

  beforeAll(async () => {
    // Plain HTTP, as in development: cookies without the __Host- prefix.
    app = await startBasketApp({ PUBLIC_URL: 'http://localhost:3000', TRUST_PROXY_HOPS: '0' })
    browser = await launchBrowser()
    products = await demoSkus(app)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  async function open(path: string, javaScript = true): Promise<Page> {
    const page = await (await browser.newContext({ javaScriptEnabled: javaScript })).newPage()
    await page.goto(`${app.url}${path}`)
    if (javaScript) await hydrated(page)
    return page
  }
  const cartLink = (page: Page) => page.getByRole('link', { name: /^Cart/ })

  it('takes a guest’s chosen variant into the cart, and into their account when they sign in', async () => {
    const account = { email: `cart-${Date.now().toString(36)}@example.com`, password: 'a perfectly fine passphrase' }
    const registered = await client(app).request('POST', '/api/v1/identity/register', {
      body: { ...account, firstName: 'Ada' },
    })
    expect(registered.status).toBe(201)

    const product = products.withVariants
    const variant = product.variants[1]!
    const page = await open(`/products/${product.slug}?variant=${variant.sku}`)
    await expect.poll(() => cartLink(page).textContent()).not.toMatch(/\d/) // nothing in the cart yet
    await page.getByRole('button', { name: /^Add to cart/ }).click()
    const drawer = page.getByRole('dialog', { name: 'Your cart' })
    await expect.poll(() => drawer.textContent()).toContain(variant.name)
    await drawer.getByRole('button', { name: 'Continue shopping' }).click()
    await expect.poll(() => cartLink(page).textContent()).toContain('1 item')

    await cartLink(page).click()
    await page.waitForURL(/\/cart$/)
    await expect.poll(() => page.locator('.cart-line').count()).toBe(1)
    expect(await page.locator('.cart-line__variant').textContent()).toBe(variant.name)

    await page.goto(`${app.url}/login?returnTo=/cart`)
    await hydrated(page)
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/cart$/)
    await expect.poll(() => page.getByRole('link', { name: /Account/ }).textContent()).toContain('Ada')
    await expect.poll(() => page.locator('.cart-line__variant').allTextContents()).toEqual([variant.name])
    // The guest's cookie is gone: the line is the customer's now.
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('shop-cart')

    // A quantity applies as soon as it is chosen.
    await page.getByLabel('Quantity').fill('3')
    await page.getByLabel('Quantity').press('Tab')
    await expect.poll(() => cartLink(page).textContent()).toContain('3 items')
  })

  it('works without JavaScript: add, change the quantity, remove', async () => {
    const product = products.plain[0]!
    const page = await open(`/products/${product.slug}`, false)
    await page.getByRole('button', { name: /^Add to cart/ }).click()
    await page.waitForURL(/\/cart$/)
    expect(await page.locator('.cart-line__name').getAttribute('href')).toBe(`/products/${product.slug}`)

    await page.getByLabel('Quantity').fill('4')
    await page.getByRole('button', { name: 'Update' }).click()
    await page.waitForURL(/\/cart$/)
    expect(await page.getByLabel('Quantity').inputValue()).toBe('4')
    expect(await page.locator('.cart-totals').textContent()).toContain('4 items')

    // A 100th of one item is refused, and the cart page says why.
    await page.getByLabel('Quantity').fill('99')
    await page.getByRole('button', { name: 'Update' }).click()
    await page.waitForURL(/\/cart$/)
    await page.goto(`${app.url}/products/${product.slug}`)
    await page.getByRole('button', { name: /^Add to cart/ }).click()
    await page.waitForURL(/\/cart\?error=line-full$/)
    expect(await page.getByRole('alert').textContent()).toContain('A cart holds at most 99 of one item.')
    expect(await page.getByLabel('Quantity').inputValue()).toBe('99')

    await page.getByRole('button', { name: /^Remove/ }).click()
    await page.waitForURL(/\/cart$/)
    expect(await page.getByRole('heading', { name: 'Your cart is empty' }).count()).toBe(1)
  })
})
