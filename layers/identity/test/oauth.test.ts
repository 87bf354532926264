import { OAuth2Server } from 'oauth2-mock-server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { startFakeGitHub } from './fake-github'
import {
  client,
  newAccount,
  PUBLIC_URL,
  realServicesAvailable,
  startIdentityApp,
  type Client,
  type IdentityApp,
} from './identity-app'

const services = testServices()

describe.skipIf(!realServicesAvailable)('social sign-in (authorization code + PKCE) against local providers', () => {
  let app: IdentityApp
  let oidcServer: OAuth2Server
  let github: Awaited<ReturnType<typeof startFakeGitHub>>
  let db: pg.Client
  let nextClaims: Record<string, unknown> = {}

  beforeAll(async () => {
    oidcServer = new OAuth2Server()
    await oidcServer.issuer.keys.generate('RS256')
    await oidcServer.start(0, '127.0.0.1')
    oidcServer.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, nextClaims))
    github = await startFakeGitHub('gh-client', 'gh-secret')
    app = await startIdentityApp({
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_ISSUER: oidcServer.issuer.url!,
      GITHUB_CLIENT_ID: 'gh-client',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_WEB_URL: github.url,
      GITHUB_API_URL: github.url,
    })
    db = new pg.Client({ connectionString: services.databaseUrl })
    await db.connect()
  })
  afterAll(async () => {
    await db?.end()
    await app?.close()
    await oidcServer?.stop()
    await github?.stop()
  })

  /** The app's redirect URI is on https://shop.test; the test reaches the same path on the app. */
  const onApp = (location: string) => {
    const url = new URL(location)
    expect(url.origin).toBe(PUBLIC_URL)
    return `${url.pathname}${url.search}`
  }

  /** Starts at the app, follows the provider's redirect back, and returns the callback request and response. */
  async function signIn(browser: Client, provider: 'google' | 'github', returnTo = '/account') {
    const start = await browser.request(
      'GET',
      `/api/v1/identity/oauth/${provider}?returnTo=${encodeURIComponent(returnTo)}`,
    )
    expect(start.status).toBe(302)
    const authorize = new URL(start.headers.get('location')!)
    const atProvider = await fetch(authorize, { redirect: 'manual' })
    expect(atProvider.status).toBe(302)
    const callback = onApp(atProvider.headers.get('location')!)
    return { authorize, callback, finish: () => browser.request('GET', callback) }
  }

  it('lists the configured providers', async () => {
    const response = await client(app).request('GET', '/api/v1/identity/oauth/providers')
    expect(await response.json()).toEqual({ providers: ['google', 'github'] })
  })

  it('signs in with Google: PKCE S256, state, nonce, exact redirect URI; a new account keyed by issuer and subject', async () => {
    nextClaims = {
      sub: 'google-sub-1',
      email: 'new.google.user@example.com',
      email_verified: true,
      given_name: 'Gia',
      family_name: 'Oogle',
    }
    const browser = client(app, { browser: true })
    const { authorize, finish } = await signIn(browser, 'google')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('state')).toBeTruthy()
    expect(authorize.searchParams.get('nonce')).toBeTruthy()
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/v1/identity/oauth/google/callback`)
    expect(authorize.searchParams.get('scope')).toBe('openid email profile')

    const done = await finish()
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/account')
    const me = await (await browser.request('GET', '/api/v1/identity/me')).json()
    expect(me).toMatchObject({
      email: 'new.google.user@example.com',
      firstName: 'Gia',
      lastName: 'Oogle',
      emailConfirmed: true,
    })
    const { rows } = await db.query(
      'select issuer, subject, provider from identity.external_logins where user_id = $1',
      [me.id],
    )
    expect(rows).toEqual([{ issuer: oidcServer.issuer.url, subject: 'google-sub-1', provider: 'google' }])

    // The same subject signs in to the same account even after its email changed at Google.
    nextClaims = { ...nextClaims, email: 'renamed@example.com' }
    const again = client(app, { browser: true })
    await (await signIn(again, 'google')).finish()
    expect((await (await again.request('GET', '/api/v1/identity/me')).json()).id).toBe(me.id)
  })

  it('rejects a callback whose state was tampered with, and signs nobody in', async () => {
    nextClaims = { sub: 'google-sub-2', email: 'state@example.com', email_verified: true }
    const browser = client(app, { browser: true })
    const { callback } = await signIn(browser, 'google')
    const tampered = callback.replace(/state=[^&]+/, 'state=forged-state-value')
    const response = await browser.request('GET', tampered)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?error=oauth-state')
    expect((await browser.request('GET', '/api/v1/identity/me')).status).toBe(401)
  })

  it('rejects a state used in another browser, and a state used twice', async () => {
    nextClaims = { sub: 'google-sub-3', email: 'binding@example.com', email_verified: true }
    const victim = client(app, { browser: true })
    const { callback } = await signIn(victim, 'google')
    const attacker = client(app, { browser: true })
    const elsewhere = await attacker.request('GET', callback)
    expect(elsewhere.headers.get('location')).toBe('/login?error=oauth-state')

    const { finish } = await signIn(victim, 'google')
    expect((await finish()).headers.get('location')).toBe('/account')
    const replayed = await finish()
    expect(replayed.headers.get('location')).toBe('/login?error=oauth-state')
  })

  it('rejects an ID token whose nonce does not match', async () => {
    nextClaims = { sub: 'google-sub-4', email: 'nonce@example.com', email_verified: true, nonce: 'someone-elses-nonce' }
    const browser = client(app, { browser: true })
    const done = await (await signIn(browser, 'google')).finish()
    expect(done.headers.get('location')).toBe('/login?error=oauth-failed')
    nextClaims = {}
  })

  it('links an existing account by a verified email, and refuses an unverified one', async () => {
    const account = newAccount('linking')
    const { user } = await (await client(app).request('POST', '/api/v1/identity/register', { body: account })).json()

    github.signInAs({
      id: 9001,
      login: 'mallory',
      name: 'Mallory',
      emails: [{ email: account.email, primary: true, verified: false }],
    })
    const mallory = client(app, { browser: true })
    const refused = await (await signIn(mallory, 'github')).finish()
    expect(refused.headers.get('location')).toBe('/login?error=oauth-email-unverified')
    expect((await mallory.request('GET', '/api/v1/identity/me')).status).toBe(401)

    // The account never confirmed its address: whoever registered it may not be its owner.
    nextClaims = { sub: 'google-sub-5', email: account.email, email_verified: true, given_name: 'Ada' }
    const early = await (await signIn(client(app, { browser: true }), 'google')).finish()
    expect(early.headers.get('location')).toBe('/login?error=oauth-link-refused')

    const [mail] = await app.mailTo(account.email, 'Confirm your email address')
    const token = /confirm-email\?token=([\w-]+)/.exec(mail!.text)![1]!
    expect((await client(app).request('POST', '/api/v1/identity/confirm-email', { body: { token } })).status).toBe(204)
    const owner = client(app, { browser: true })
    await (await signIn(owner, 'google')).finish()
    expect((await (await owner.request('GET', '/api/v1/identity/me')).json()).id).toBe(user.id)
  })

  it('never opens an account from an address the provider has not verified', async () => {
    github.signInAs({
      id: 9002,
      login: 'squatter',
      name: null,
      emails: [{ email: 'unclaimed@example.com', primary: true, verified: false }],
    })
    const done = await (await signIn(client(app, { browser: true }), 'github')).finish()
    expect(done.headers.get('location')).toBe('/login?error=oauth-email-unverified')
    const { rows } = await db.query(`select count(*) from identity.users where lower(email) = 'unclaimed@example.com'`)
    expect(rows[0].count).toBe('0')
  })

  it('signs in with GitHub: a new account from the primary verified email, published as registered', async () => {
    github.signInAs({
      id: 4242,
      login: 'octo',
      name: 'Octo Cat',
      emails: [
        { email: 'old@example.com', primary: false, verified: true },
        { email: 'octo@example.com', primary: true, verified: true },
      ],
    })
    const browser = client(app, { browser: true })
    const { authorize, finish } = await signIn(browser, 'github', '/orders')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.has('nonce')).toBe(false)
    const done = await finish()
    expect(done.headers.get('location')).toBe('/orders')
    const me = await (await browser.request('GET', '/api/v1/identity/me')).json()
    expect(me).toMatchObject({ email: 'octo@example.com', firstName: 'Octo', lastName: 'Cat' })
    const { rows } = await db.query(`select content from identity.outbox where content->'payload'->>'userId' = $1`, [
      me.id,
    ])
    expect(rows[0].content.payload.via).toBe('github')
    expect(github.requests.at(-1)!.body!.code_verifier).toMatch(/^[\w-]{43,128}$/)
  })

  it('never redirects off-site after sign-in', async () => {
    github.signInAs({
      id: 4243,
      login: 'redirector',
      name: null,
      emails: [{ email: 'redirector@example.com', primary: true, verified: true }],
    })
    const browser = client(app, { browser: true })
    const done = await (await signIn(browser, 'github', '//evil.test/phish')).finish()
    expect(done.headers.get('location')).toBe('/')
  })

  it('limits how often one address may start a sign-in', async () => {
    const starter = client(app)
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) statuses.push((await starter.request('GET', '/api/v1/identity/oauth/google')).status)
    expect(statuses.slice(0, 30).every((status) => status === 302)).toBe(true)
    expect(statuses[30]).toBe(429)
  })

  it('answers 404 for a provider that is not configured', async () => {
    expect((await client(app).request('GET', '/api/v1/identity/oauth/facebook')).status).toBe(404)
  })
})
