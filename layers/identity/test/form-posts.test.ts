import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newAccount, PASSWORD, realServicesAvailable, startIdentityApp, type IdentityApp } from './identity-app'

const IDENTITY = '/api/v1/identity'
// An address of its own (the app trusts one proxy hop), so limits other files used up from 127.0.0.1 do not apply.
const ip = `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`

/** What a browser sends when a page's form is submitted without JavaScript. */
const formPost = (
  app: IdentityApp,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: {
      'x-forwarded-for': ip,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html,application/xhtml+xml',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })

/** The sign-in pages work before their JavaScript has loaded: their forms post to the slices. */
describe.skipIf(!realServicesAvailable)('identity forms posted without JavaScript', () => {
  let app: IdentityApp
  const account = newAccount('form-post')

  beforeAll(async () => {
    app = await startIdentityApp()
    await fetch(`${app.url}${IDENTITY}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(account),
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('signs in with a 303 to where the shopper was going, setting the session cookies', async () => {
    const response = await formPost(app, `${IDENTITY}/login?returnTo=/account`, {
      email: account.email,
      password: PASSWORD,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/account')
    expect(response.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(
      expect.arrayContaining(['__Host-shop-access', '__Host-shop-refresh', '__Host-shop-csrf']),
    )
  })

  it.each([
    [
      'a wrong password',
      { email: account.email, password: 'not the password' },
      '/login?returnTo=%2Faccount&error=credentials',
    ],
    ['an empty email', { email: '', password: 'whatever it is' }, '/login?returnTo=%2Faccount&error=invalid-email'],
  ])('sends %s back to the page with a code, never with what was typed', async (_, fields, location) => {
    const response = await formPost(app, `${IDENTITY}/login?returnTo=/account`, fields)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(location)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('keeps a mailed link usable when its new password is refused, and says when a link is not', async () => {
    const sent = await formPost(app, `${IDENTITY}/forgot-password`, { email: account.email })
    expect(sent.headers.get('location')).toBe('/forgot-password?sent=1')
    const [mail] = await app.mailTo(account.email, 'Reset your password')
    const token = new URL(mail!.text.match(/https?:\/\/\S+reset-password\?token=\S+/)![0]).searchParams.get('token')!

    const weak = await formPost(app, `${IDENTITY}/reset-password`, { token, newPassword: 'qwertyuiop' })
    expect(weak.headers.get('location')).toBe(`/reset-password?token=${token}&error=invalid-newPassword`)
    const reset = await formPost(app, `${IDENTITY}/reset-password`, { token, newPassword: `${PASSWORD} again` })
    expect(reset.headers.get('location')).toBe('/reset-password?done=1')
    const used = await formPost(app, `${IDENTITY}/reset-password`, { token, newPassword: `${PASSWORD} thrice` })
    expect(used.headers.get('location')).toBe('/reset-password?error=link-invalid')
  })

  it('refuses a form another site made the browser post', async () => {
    const response = await formPost(
      app,
      `${IDENTITY}/login`,
      { email: account.email, password: PASSWORD },
      { 'sec-fetch-site': 'cross-site' },
    )
    expect(response.status).toBe(403)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('answers a form only JavaScript can send with a plain page saying so', async () => {
    const response = await formPost(app, `${IDENTITY}/change-password`, { currentPassword: PASSWORD, newPassword: 'x' })
    expect(response.status).toBe(415)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await response.text()).toContain('This form needs JavaScript.')
  })
})
