import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  client,
  newAccount,
  PUBLIC_URL,
  realServicesAvailable,
  startIdentityApp,
  type IdentityApp,
} from './identity-app'

const IDENTITY = '/api/v1/identity'

describe.skipIf(!realServicesAvailable)('the browser session: cookies, CSRF, transparent refresh', () => {
  let app: IdentityApp

  beforeAll(async () => {
    app = await startIdentityApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  async function signedInBrowser() {
    const browser = client(app, { browser: true })
    const response = await browser.request('POST', `${IDENTITY}/register`, { body: newAccount('browser') })
    expect(response.status).toBe(201)
    return { browser, response, body: await response.json() }
  }

  it('keeps tokens out of the page: __Host- cookies, Secure, HttpOnly, SameSite, no token in the body', async () => {
    const { response, body } = await signedInBrowser()
    expect(body).not.toHaveProperty('accessToken')
    expect(body).not.toHaveProperty('refreshToken')
    const cookies = response.headers.getSetCookie()
    const byName = Object.fromEntries(cookies.map((cookie) => [cookie.split('=')[0], cookie]))
    expect(Object.keys(byName).sort()).toEqual(['__Host-shop-access', '__Host-shop-csrf', '__Host-shop-refresh'])
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; Secure/)
      expect(cookie).toMatch(/; Path=\//)
      expect(cookie).toMatch(/; SameSite=Lax/)
      expect(cookie).not.toMatch(/Domain=/i)
    }
    expect(byName['__Host-shop-access']).toMatch(/; HttpOnly/)
    expect(byName['__Host-shop-refresh']).toMatch(/; HttpOnly/)
    expect(byName['__Host-shop-csrf']).not.toMatch(/HttpOnly/) // the page echoes it in x-csrf-token
    expect(body.csrfToken).toBe(byName['__Host-shop-csrf']!.split(';')[0]!.split('=')[1])
  })

  it('tells browsers to use HTTPS only, for a year', async () => {
    const response = await client(app).request('GET', '/api/health')
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('gives every sign-in a new CSRF token, and keeps it across refreshes', async () => {
    const account = newAccount('csrf')
    const browser = client(app, { browser: true })
    await browser.request('POST', `${IDENTITY}/register`, { body: account })
    const first = browser.csrfCookie()
    await browser.request('POST', `${IDENTITY}/refresh`)
    expect(browser.csrfCookie()).toBe(first)
    await browser.request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: account.password } })
    expect(browser.csrfCookie()).not.toBe(first)
  })

  it('reads the session from cookies', async () => {
    const { browser, body } = await signedInBrowser()
    const me = await browser.request('GET', `${IDENTITY}/me`)
    expect(me.status).toBe(200)
    expect((await me.json()).id).toBe(body.user.id)
  })

  it('refuses a cookie-authenticated change without the CSRF header, or with a wrong one', async () => {
    const { browser } = await signedInBrowser()
    const missing = await browser.request('PATCH', `${IDENTITY}/me`, {
      body: { firstName: 'Mallory' },
      headers: { 'x-csrf-token': '' },
    })
    expect(missing.status).toBe(403)
    const wrong = await browser.request('PATCH', `${IDENTITY}/me`, {
      body: { firstName: 'Mallory' },
      headers: { 'x-csrf-token': 'AAAAAAAAAAAAAAAAAAAAAA' },
    })
    expect(wrong.status).toBe(403)
    expect(await (await browser.request('GET', `${IDENTITY}/me`)).json()).toMatchObject({ firstName: 'Ada' })
    const allowed = await browser.request('PATCH', `${IDENTITY}/me`, { body: { firstName: 'Grace' } })
    expect(allowed.status).toBe(200)
  })

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a state change the browser marks %s, even with the token', async (_, headers) => {
    const { browser } = await signedInBrowser()
    const response = await browser.request('PATCH', `${IDENTITY}/me`, { body: { firstName: 'Mallory' }, headers })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('checks Origin where Sec-Fetch-Site is absent, and blocks login CSRF from another origin', async () => {
    const account = newAccount('origin')
    await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const foreign = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: account.password },
      headers: { origin: 'https://evil.test' },
    })
    expect(foreign.status).toBe(403)
    const ours = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: account.password },
      headers: { origin: PUBLIC_URL },
    })
    expect(ours.status).toBe(200)
  })

  it('never mutates on GET: sign-out is POST only', async () => {
    const { browser } = await signedInBrowser()
    expect([404, 405]).toContain((await browser.request('GET', `${IDENTITY}/logout`)).status)
    expect((await browser.request('GET', `${IDENTITY}/me`)).status).toBe(200)
  })

  it('refreshes an expired access cookie transparently and rotates the refresh cookie', async () => {
    const { browser } = await signedInBrowser()
    const refreshBefore = [...browser.jar].find(([name]) => name.endsWith('shop-refresh'))![1]
    browser.jar.delete('__Host-shop-access') // what the browser does when its Max-Age passes
    const me = await browser.request('GET', `${IDENTITY}/me`)
    expect(me.status).toBe(200)
    const names = me.headers.getSetCookie().map((cookie) => cookie.split('=')[0])
    expect(names).toEqual(expect.arrayContaining(['__Host-shop-access', '__Host-shop-refresh']))
    expect(browser.jar.get('__Host-shop-refresh')).not.toBe(refreshBefore)
  })

  it('serves two simultaneous requests with one expired access cookie without signing the user out', async () => {
    const { browser } = await signedInBrowser()
    browser.jar.delete('__Host-shop-access')
    const [a, b] = await Promise.all([
      browser.request('GET', `${IDENTITY}/me`),
      browser.request('GET', `${IDENTITY}/me`),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect((await browser.request('GET', `${IDENTITY}/me`)).status).toBe(200)
  })

  it('lets another tab present a cookie just rotated by the first without signing anyone out', async () => {
    const { browser } = await signedInBrowser()
    const otherTab = client(app, { browser: true })
    for (const [name, value] of browser.jar) if (!name.endsWith('shop-access')) otherTab.jar.set(name, value)
    expect((await browser.request('POST', `${IDENTITY}/refresh`)).status).toBe(200)

    // Its access cookie has expired and it presents the old refresh cookie, after the rotation has
    // finished (the race the simultaneous requests above can lose): it is still the same session.
    const late = await otherTab.request('GET', `${IDENTITY}/me`)
    expect(late.status).toBe(200)
    expect(late.headers.getSetCookie()).toEqual([]) // nothing set or cleared: the browser holds the new cookies
    expect((await otherTab.request('POST', `${IDENTITY}/refresh`)).status).toBe(409)
    expect((await browser.request('GET', `${IDENTITY}/me`)).status).toBe(200) // the session lives on
  })

  it('signs out: cookies cleared, the old cookies no longer work', async () => {
    const { browser } = await signedInBrowser()
    const stolen = new Map(browser.jar)
    const out = await browser.request('POST', `${IDENTITY}/logout`)
    expect(out.status).toBe(204)
    expect(browser.jar.size).toBe(0)
    for (const [name, value] of stolen) browser.jar.set(name, value)
    expect((await browser.request('GET', `${IDENTITY}/me`)).status).toBe(401)
  })

  it('refreshes from the cookie on POST /refresh, with the CSRF header', async () => {
    const { browser } = await signedInBrowser()
    const refreshed = await browser.request('POST', `${IDENTITY}/refresh`)
    expect(refreshed.status).toBe(200)
    expect(await refreshed.json()).not.toHaveProperty('refreshToken')
    const withoutHeader = await browser.request('POST', `${IDENTITY}/refresh`, { headers: { 'x-csrf-token': '' } })
    expect(withoutHeader.status).toBe(403)
    // A script that leaves out x-session still gets no token from the cookie's refresh.
    const scripted = await browser.request('POST', `${IDENTITY}/refresh`, { headers: { 'x-session': '' } })
    expect(scripted.status).toBe(200)
    const body = await scripted.json()
    expect(body).not.toHaveProperty('refreshToken')
    expect(body).not.toHaveProperty('accessToken')
  })
})
