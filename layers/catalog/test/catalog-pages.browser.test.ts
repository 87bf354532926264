import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, hydrated, launchBrowser } from '#test/support/browser'
import { testServices } from '#test/support/services'
import { demoCatalog } from '../server/seed/demo-catalog'
import { startShopApp, type ShopApp } from '#test/support/shop-app'

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
  let app: ShopApp
  let browser: Browser
  const cspViolations: string[] = []

  beforeAll(async () => {
    app = await startShopApp()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** Opens a page; `requested` collects every URL the page asks for while it loads and after. */
  async function open(
    path: string,
    javaScript = true,
    requested: string[] = [],
    viewport = { width: 1280, height: 800 },
  ): Promise<Page> {
    const page = await (await browser.newContext({ javaScriptEnabled: javaScript, viewport })).newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    page.on('request', (request) => requested.push(request.url()))
    await page.goto(`${app.url}${path}`)
    if (javaScript) await hydrated(page)
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

  // A garment in several colours and sizes: its pictures follow the colour chosen.
  const garment = demo.products.find(
    (candidate) =>
      candidate.status === 'active' &&
      new Set(candidate.variants.map((variant) => variant.attributes.color)).size > 2 &&
      new Set(candidate.variants.map((variant) => variant.attributes.size)).size > 2,
  )!
  const [firstColour, , lastColour] = [...new Set(garment.variants.map((variant) => variant.attributes.color!))]
  const colourSlug = (colour: string) => colour.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const mainPicture = (page: Page) => page.locator('.gallery__main').getAttribute('src')

  it('puts the chosen colour and size in the URL, and shows that colour’s pictures', async () => {
    const page = await open(`/products/${garment.slug}`)
    expect(await mainPicture(page)).toContain(`-${colourSlug(firstColour!)}-1.webp`)
    await page.getByRole('radio', { name: lastColour }).check()
    await page.waitForURL((url) => url.searchParams.get('color') === lastColour)
    await expect.poll(() => mainPicture(page)).toContain(`-${colourSlug(lastColour!)}-1.webp`)

    // The link opens that choice, with JavaScript or without.
    const size = garment.variants.at(-1)!.attributes.size!
    for (const javaScript of [true, false]) {
      const shared = await open(
        `/products/${garment.slug}?color=${encodeURIComponent(lastColour!)}&size=${size}`,
        javaScript,
      )
      expect(await shared.getByRole('radio', { name: lastColour }).isChecked()).toBe(true)
      expect(await shared.getByRole('radio', { name: size, exact: true }).isChecked()).toBe(true)
      expect(await mainPicture(shared)).toContain(`-${colourSlug(lastColour!)}-1.webp`)
    }
    // Without JavaScript the picker is a form on the page itself.
    const plain = await open(`/products/${garment.slug}`, false)
    await plain.getByRole('radio', { name: lastColour }).check()
    await plain.getByRole('button', { name: 'Show this choice' }).click()
    await plain.waitForURL((url) => url.searchParams.get('color') === lastColour)
    expect(await mainPicture(plain)).toContain(`-${colourSlug(lastColour!)}-1.webp`)
  })

  it('hydrates the product page from the data it came with, asking the API only for what is personal', async () => {
    const requested: string[] = []
    const page = await open(`/products/${product.slug}`, true, requested)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(product.name)
    expect(await page.locator('.review').count()).toBeGreaterThan(0)
    // The page is the same for everyone (ADR 0012): one small request fills in the header's personal part.
    await expect.poll(() => requested.filter((url) => url.includes('/api/'))).toEqual([`${app.url}/api/v1/session`])
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

  it('applies a filter at once with JavaScript, and with the form’s button without it', async () => {
    for (const javaScript of [true, false]) {
      const page = await open('/categories/clothing', javaScript)
      const before = await page.locator('.listing__count').textContent()
      // The side panel wakes once it is in view: its "Apply" button goes as it does.
      const apply = page.getByRole('button', { name: 'Apply filters' })
      if (javaScript) await expect.poll(() => apply.count()).toBe(0)
      await page.locator('#filters').getByRole('checkbox', { name: /^M\b/ }).check()
      if (!javaScript) await apply.click()
      await page.waitForURL(/size=M/)
      await expect.poll(() => page.locator('.listing__count').textContent()).not.toBe(before)
      expect(await page.locator('.product-card').count()).toBeGreaterThan(0)
    }
  })

  describe('on a phone (390×844)', () => {
    const phone = { width: 390, height: 844 }

    it('shows the first products in the first screen, two a row', async () => {
      const page = await open('/categories/laptops', true, [], phone)
      const [first, second] = await Promise.all([0, 1].map((i) => page.locator('.product-card').nth(i).boundingBox()))
      expect(first!.y).toBeLessThan(phone.height - 100)
      expect(second!.y).toBe(first!.y)
    })

    it('filters in a drawer: a ticked value applies at once and shows as a removable chip', async () => {
      const page = await open('/categories/clothing', true, [], phone)
      await page.getByRole('link', { name: 'Filters' }).click()
      const drawer = page.getByRole('dialog', { name: 'Filter and sort' })
      await drawer.getByRole('checkbox', { name: /^M\b/ }).check()
      await page.waitForURL(/size=M/)
      await drawer.getByRole('button', { name: /^Show \d+ products?$/ }).click()
      await expect.poll(() => drawer.count(), { timeout: 5_000 }).toBe(0)
      const chip = page.getByRole('link', { name: 'Remove Size: M' })
      await chip.click()
      await page.waitForURL((url) => !url.search.includes('size='))
      // The address changes first; the listing (and its chips) follow once the new page has arrived.
      await expect.poll(() => page.getByRole('link', { name: /^Remove / }).count(), { timeout: 5_000 }).toBe(0)
    })

    it('opens and closes the filter drawer from the keyboard, giving the focus back', async () => {
      const page = await open('/categories/clothing', true, [], phone)
      const button = page.getByRole('link', { name: 'Filters' })
      await button.focus()
      await page.keyboard.press('Enter')
      const drawer = page.getByRole('dialog', { name: 'Filter and sort' })
      await expect.poll(() => drawer.isVisible()).toBe(true)
      expect(await drawer.evaluate((element) => element.contains(document.activeElement))).toBe(true)
      await page.keyboard.press('Escape')
      await expect.poll(() => drawer.count()).toBe(0)
      expect(await button.evaluate((element) => element === document.activeElement)).toBe(true)
    })

    it('filters without JavaScript, and the menu reaches Sign in', async () => {
      const page = await open('/categories/clothing', false, [], phone)
      await page.getByRole('link', { name: 'Filters' }).click()
      await page.locator('#filters').getByRole('checkbox', { name: /^M\b/ }).check()
      await page.getByRole('button', { name: 'Apply filters' }).click()
      await page.waitForURL(/size=M/)
      expect(await page.locator('.product-card').count()).toBeGreaterThan(0)

      await page.locator('summary', { hasText: 'Menu' }).click()
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sign in' }).click()
      await page.waitForURL(/\/login/)
    })
  })

  it('searches a misspelt word as the word meant, and offers a way on when nothing matches', async () => {
    const page = await open('/search?q=jackt')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Results for “jacket”')
    expect(await page.locator('.product-card').count()).toBeGreaterThan(5)
    // One search box on the page: the header's, holding what was typed.
    expect(await page.getByRole('searchbox').count()).toBe(1)
    expect(await page.getByRole('searchbox').inputValue()).toBe('jackt')

    const nothing = await open('/search?q=qqxxzz')
    expect(await nothing.getByRole('link', { name: 'Filters' }).count()).toBe(0)
    expect(await nothing.getByRole('heading', { name: 'Browse a category' }).count()).toBe(1)
    expect(await nothing.locator('.product-card').count()).toBeGreaterThan(0)
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

  it('has no serious or critical accessibility violation on any storefront page, phone or desktop (axe-core)', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    const pages = [
      '/',
      '/categories/clothing',
      `/products/${garment.slug}`,
      '/search?q=headphones',
      '/search?q=qqxxzz',
      '/no-such-page',
      '/login',
      '/register',
      '/help/delivery',
    ]
    const found: string[] = []
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ])
      for (const path of pages) {
        const page = await open(path, true, [], viewport)
        // Injected through the DevTools protocol, so the page's Content Security Policy does not apply.
        await page.evaluate(axeSource)
        const violations = await page.evaluate(async () => {
          const { axe } = window as unknown as {
            axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> }
          }
          return (await axe.run()).violations.map(({ id, impact, nodes }) => ({ id, impact, count: nodes.length }))
        })
        for (const violation of violations)
          if (violation.impact === 'serious' || violation.impact === 'critical')
            found.push(`${path} at ${viewport.width}px: ${violation.id} (${violation.impact}, ${violation.count})`)
        await page.context().close()
      }
    expect(found).toEqual([])
  }, 180_000)

  it('broke no Content Security Policy rule on any page', () => {
    expect(cspViolations).toEqual([])
  })
})
