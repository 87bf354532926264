import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumAvailable, hydrated, launchBrowser } from '#test/support/browser'
import { client, newAccount, realServicesAvailable, startIdentityApp, type IdentityApp } from './identity-app'

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

  /** A new shopper, registered through the form and taken to /account. */
  async function registeredOnAccountPage(account: ReturnType<typeof newAccount>): Promise<Page> {
    const page = await open('/register?returnTo=/account')
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByLabel('First name').fill('Ada')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(`${app.url}/account`)
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
    // A short word on what comes next: the confirmation link.
    const toast = page.locator('.ui-toast').filter({ hasText: 'Check your inbox' })
    await expect.poll(() => toast.textContent()).toContain(account.email)
    // The home page is shared (ADR 0012): it is rendered for nobody, and the header fills in once loaded.
    await page.reload()
    await expect.poll(() => page.getByRole('link', { name: /Account/ }).textContent()).toContain('Ada')

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

    const page = await registeredOnAccountPage(account)

    await page.getByLabel('First name').fill('Augusta')
    await page.getByRole('button', { name: 'Save name' }).click() // a cookie-authenticated PATCH: needs the CSRF header
    const profileStatus = page.locator('[aria-labelledby="profile-heading"]').getByRole('status')
    await expect.poll(() => profileStatus.textContent()).toContain('saved')
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

  it('shows the address confirmed on /account as soon as the mailed link is opened, and after a reload', async () => {
    const account = newAccount('confirm-page')
    const page = await registeredOnAccountPage(account)
    await expect.poll(() => page.locator('.account__email').textContent()).toContain('not confirmed yet')

    const [mail] = await app.mailTo(account.email, 'Confirm your email address')
    const link = mail!.text.match(/https?:\/\/\S+confirm-email\?token=\S+/)![0]
    await page.goto(`${app.url}${new URL(link).pathname}${new URL(link).search}`)
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your email address is confirmed')
    await page.getByRole('link', { name: 'Go to your account' }).click()
    await page.waitForURL(`${app.url}/account`)
    expect(await page.locator('.account__email').textContent()).toContain('Your email address is confirmed.')
    await page.reload({ waitUntil: 'domcontentloaded' }) // rendered by the server, from the profile it caches
    expect(await page.locator('.account__email').textContent()).toContain('Your email address is confirmed.')
  })

  it('mails a new confirmation link from /account when the first one is lost', async () => {
    const account = newAccount('resend-page')
    const page = await registeredOnAccountPage(account)
    await page.getByRole('button', { name: 'Send a new confirmation link' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('A new link is on its way')
    expect(await app.mailTo(account.email, 'Confirm your email address', 2)).toHaveLength(2)
  })

  describe('with JavaScript off', () => {
    /** A page as a browser that runs no script shows it: every form is submitted natively. */
    async function openWithoutScript(path: string) {
      const context = await browser.newContext({ javaScriptEnabled: false })
      const page = await context.newPage()
      const requested: string[] = []
      page.on('request', (request) => requested.push(request.url()))
      await page.goto(`${app.url}${path}`)
      return { page, requested }
    }

    it('signs in through the form, by POST, and goes where the shopper was going', async () => {
      const account = newAccount('no-script')
      await client(app).request('POST', '/api/v1/identity/register', { body: account })
      const { page, requested } = await openWithoutScript('/login?returnTo=/account')
      await page.getByLabel('Email').fill(account.email)
      await page.getByLabel('Password').fill(account.password)
      const [posted] = await Promise.all([
        page.waitForRequest((request) => request.url().includes('/api/v1/identity/login')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ])
      expect(posted.method()).toBe('POST')
      await page.waitForURL(`${app.url}/account`)
      expect(await page.locator('.account__email').textContent()).toContain(account.email)
      expect(
        requested.filter((url) => url.includes(encodeURIComponent(account.password)) || url.includes(account.password)),
      ).toEqual([])
    })

    it('comes back to the form with a plain message, never with the password in the address', async () => {
      const account = newAccount('no-script-wrong')
      const { page, requested } = await openWithoutScript('/login')
      await page.getByLabel('Email').fill(account.email)
      await page.getByLabel('Password').fill('not the password at all')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL(/\/login\?error=credentials/)
      expect(await page.locator('.form__error').textContent()).toContain('The email or password is incorrect.')
      expect(requested.filter((url) => /not(%20|\+| )the(%20|\+| )password/.test(url))).toEqual([])
    })

    it('creates an account through the form, and says plainly when the password is refused', async () => {
      const account = newAccount('no-script-register')
      const { page } = await openWithoutScript('/register')
      await page.getByLabel('Email').fill(account.email)
      await page.getByLabel('Password').fill('qwertyuiop')
      await page.getByLabel('First name').fill('Ada')
      await page.getByRole('button', { name: 'Create account' }).click()
      await page.waitForURL(/\/register\?error=invalid-password/)
      expect(await page.locator('.form__error').textContent()).toContain('not a common one')

      await page.getByLabel('Email').fill(account.email)
      await page.getByLabel('Password').fill(account.password)
      await page.getByLabel('First name').fill('Ada')
      await page.getByRole('button', { name: 'Create account' }).click()
      await page.waitForURL(`${app.url}/`)
      expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain('shop-access')
    })
  })

  it('ran every page without a Content Security Policy violation', () => {
    expect(cspViolations).toEqual([])
  })
})
