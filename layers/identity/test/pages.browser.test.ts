import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, launchBrowser } from '#test/support/browser'
import { newAccount, realServicesAvailable, startIdentityApp, type IdentityApp } from './identity-app'

if (process.env.CI === 'true' && !chromiumAvailable) throw new Error('Chromium is missing: apt-get install -y chromium')

describe.skipIf(!realServicesAvailable || !chromiumAvailable)('identity pages in Chromium', () => {
  let app: IdentityApp
  let browser: Browser
  const cspViolations: string[] = []

  beforeAll(async () => {
    // Plain HTTP, as in development: cookies without the __Host- prefix.
    app = await startIdentityApp({ PUBLIC_URL: 'http://localhost:3000', TRUST_PROXY_HOPS: '0' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  /** Vue has mounted the app, so forms submit through the page's handlers, not natively. */
  const hydrated = (page: Page) =>
    page.waitForFunction(() =>
      Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__),
    )

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext()
    const page = await context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    await page.goto(`${app.url}${path}`)
    await hydrated(page)
    return page
  }

  it('registers through the form and shows the shopper signed in, also after a reload', async () => {
    const account = newAccount('page')
    const page = await open('/register')
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByLabel('First name').fill('Ada')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(`${app.url}/`)
    await expect.poll(() => page.getByRole('link', { name: /Account/ }).textContent()).toContain('Ada')
    await page.reload({ waitUntil: 'domcontentloaded' })
    expect(await page.getByRole('link', { name: /Account/ }).textContent()).toContain('Ada') // rendered by the server

    const cookies = await page.context().cookies()
    const access = cookies.find((cookie) => cookie.name === 'shop-access')!
    expect(access.httpOnly).toBe(true)
    expect(access.sameSite).toBe('Lax')
    expect(await page.evaluate(() => document.cookie)).not.toContain('shop-access')
  })

  it('shows inline errors next to the fields, from the page and from the server', async () => {
    const page = await open('/register')
    await page.getByLabel('Email').fill('not-an-email')
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    const email = page.getByLabel('Email')
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true')

    await email.fill(newAccount().email)
    await page.getByLabel('Password').fill('qwertyuiop')
    await page.getByLabel('First name').fill('Ada')
    await page.getByRole('button', { name: 'Create account' }).click()
    await expect.poll(() => page.locator('#register-password-error').textContent()).toMatch(/common/)
    expect(await page.getByLabel('Password').getAttribute('aria-describedby')).toContain('register-password-error')
    expect(page.url()).toContain('/register')
  })

  it('keeps /account for signed-in shoppers, edits the profile, signs out and back in', async () => {
    const account = newAccount('account-page')
    const anonymous = await open('/account')
    expect(new URL(anonymous.url()).pathname).toBe('/login')

    const page = await open('/register?returnTo=/account')
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByLabel('First name').fill('Ada')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(`${app.url}/account`)

    await page.getByLabel('First name').fill('Augusta')
    await page.getByRole('button', { name: 'Save name' }).click() // a cookie-authenticated PATCH: needs the CSRF header
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('saved')
    await page.reload()
    await hydrated(page)
    expect(await page.getByLabel('First name').inputValue()).toBe('Augusta')

    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    await page.goto(`${app.url}/account`)
    await hydrated(page)
    expect(new URL(page.url()).pathname).toBe('/login')

    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${app.url}/account`)
  })

  it('ran every page without a Content Security Policy violation', () => {
    expect(cspViolations).toEqual([])
  })
})
