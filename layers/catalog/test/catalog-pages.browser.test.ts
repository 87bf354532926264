import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, launchBrowser } from '#test/support/browser'
import { testServices } from '#test/support/services'
import { demoCatalog } from '../server/seed/demo-catalog'
import { startCatalogApp, type CatalogApp } from './catalog-app'

if (process.env.CI === 'true' && !chromiumAvailable) throw new Error('Chromium is missing: apt-get install -y chromium')

const services = testServices()
const demo = demoCatalog()
// A product sold in variants that cost different amounts: choosing one must change the price shown.
const product = demo.products.find(
  (product) =>
    product.status === 'active' &&
    product.variants.length > 1 &&
    new Set(product.variants.map((variant) => variant.priceModifier)).size > 1,
)!

describe.skipIf(!services.databaseUrl || !services.redisUrl || !chromiumAvailable)('catalog pages in Chromium', () => {
  let app: CatalogApp
  let browser: Browser
  const cspViolations: string[] = []

  beforeAll(async () => {
    app = await startCatalogApp()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** Opens a page; `requested` collects every URL the page asks for while it loads and after. */
  async function open(path: string, javaScript = true, requested: string[] = []): Promise<Page> {
    const page = await (await browser.newContext({ javaScriptEnabled: javaScript })).newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(`${app.url}${path}`)
    if (javaScript)
      await page.waitForFunction(() =>
        Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__),
      )
    return page
  }

  const shownPrice = (page: Page) => page.locator('.product__price data').getAttribute('value')

  it('shows the chosen variant’s price on the product page', async () => {
    const page = await open(`/products/${product.slug}`)
    const first = await shownPrice(page)
    const other = product.variants.find((variant) => variant.priceModifier !== product.variants[0]!.priceModifier)!
    await page.getByRole('radio', { name: other.attributes[Object.keys(other.attributes)[0]!]! }).check()
    await expect.poll(() => shownPrice(page)).not.toBe(first)
    const cents = product.price + other.priceModifier
    expect(await shownPrice(page)).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`)
  })

  it('hydrates the product page from the data it came with, asking the API for nothing', async () => {
    const requested: string[] = []
    const page = await open(`/products/${product.slug}`, true, requested)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(product.name)
    expect(await page.locator('.review').count()).toBeGreaterThan(0)
    expect(requested.filter((url) => url.includes('/api/'))).toEqual([])
  })

  it('follows a breadcrumb inside the app, without loading a new document', async () => {
    const page = await open(`/products/${product.slug}`)
    await page.evaluate(() => Object.assign(window, { stillTheSameDocument: true }))
    const crumb = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').last()
    const category = (await crumb.textContent())!
    await crumb.click()
    await page.waitForURL(/\/categories\//)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(category)
    expect(await page.evaluate(() => (window as { stillTheSameDocument?: boolean }).stillTheSameDocument)).toBe(true)
  })

  it.each([true, false])('filters a category with the facet form (JavaScript %s)', async (javaScript) => {
    const page = await open('/categories/clothing', javaScript)
    const before = await page.locator('.listing__count').textContent()
    await page.getByRole('checkbox', { name: /^M\b/ }).first().check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL(/size=M/)
    await expect.poll(() => page.locator('.listing__count').textContent()).not.toBe(before)
    expect(await page.locator('.product-card').count()).toBeGreaterThan(0)
  })

  it('searches from the header and lands on the product', async () => {
    const page = await open('/')
    await page.getByLabel('Search products').fill(product.name)
    await page.getByLabel('Search products').press('Enter')
    await page.waitForURL(/\/search\?q=/)
    await page.getByRole('link', { name: product.name }).first().click()
    await page.waitForURL(new RegExp(`/products/${product.slug}$`))
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(product.name)
  })

  it('broke no Content Security Policy rule on any page', () => {
    expect(cspViolations).toEqual([])
  })
})
