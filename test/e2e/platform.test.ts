import { mkdtempSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAppExpectingExit, startApp, type AppProcess } from '#scripts/lib/app-process'
import { testJwks } from '../support/auth-keys'
import { testServices } from '../support/services'
import { startTcpProxy } from '../support/tcp-proxy'

const services = testServices()

describe('the production server on embedded defaults', () => {
  let app: AppProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-e2e-'))
    app = await startApp({ DATA_DIR: dataDir })
  })
  afterAll(async () => {
    await app?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('reports every dependency as embedded and healthy', async () => {
    const response = await fetch(`${app.url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'ok',
      sql: { kind: 'embedded', ok: true },
      mongo: { kind: 'embedded', ok: true },
      redis: { kind: 'embedded', ok: true },
      bus: { kind: 'embedded', ok: true },
    })
  })

  it('server-renders a page, with a request id', async () => {
    const response = await fetch(`${app.url}/privacy`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const html = await response.text()
    expect(html).toContain('<title>Privacy · Larkspur</title>')
    expect(html).toContain('we never see or store your card number')
  })

  it('lets only its own scripts run on a page: a fresh CSP nonce on every script, no framing, no fingerprint', async () => {
    const nonces = new Set<string>()
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${app.url}/privacy`)
      const policy = response.headers.get('content-security-policy')!
      const nonce = /'nonce-([^']+)'/.exec(policy)![1]!
      nonces.add(nonce)
      expect(policy).toContain("frame-ancestors 'none'")
      expect(policy).toContain("object-src 'none'")
      const html = await response.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length).toBeGreaterThan(0)
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
    expect(nonces.size).toBe(2)
  })

  it('sends pages, API answers and static assets compressed when the browser takes it', async () => {
    const get = (path: string, acceptEncoding: string) =>
      fetch(`${app.url}${path}`, { headers: { 'accept-encoding': acceptEncoding, accept: 'text/html,*/*' } })
    const rendered = await get('/', 'br, gzip')
    expect(rendered.headers.get('content-encoding')).toBe('br')
    expect(rendered.headers.get('vary')).toContain('accept-encoding')
    const html = await rendered.text() // fetch decodes it
    expect(html).toContain('<!DOCTYPE html>')

    // The page is cached now: it is kept gzipped, with this answer's nonce spliced in. (While a new
    // shop starts, inventory counts the demo catalog and each count purges the listings, the home
    // page among them: the page may be drawn again once or twice before it stays.)
    let cached = await get('/', 'gzip')
    for (let tries = 0; cached.headers.get('x-page-cache') !== 'hit' && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      cached = await get('/', 'gzip')
    }
    expect([cached.headers.get('x-page-cache'), cached.headers.get('content-encoding')]).toEqual(['hit', 'gzip'])
    const nonce = /'nonce-([^']+)'/.exec(cached.headers.get('content-security-policy')!)![1]!
    expect(await cached.text()).toContain(`nonce="${nonce}"`)

    const script = /<script[^>]+src="(\/_nuxt\/[^"]+\.js)"/.exec(html)![1]!
    for (const encoding of ['br', 'gzip'])
      expect((await get(script, encoding)).headers.get('content-encoding')).toBe(encoding)
    expect((await get('/api/v1/catalog/categories', 'gzip')).headers.get('content-encoding')).toBe('gzip')
    expect((await get('/', 'identity')).headers.get('content-encoding')).toBeNull()

    // The error page too: Nuxt's error handler sends it past the hook that compresses pages.
    const missing = await get('/no-such-page', 'br, gzip')
    expect([missing.status, missing.headers.get('content-encoding')]).toEqual([404, 'br'])
    expect(await missing.text()).toContain('<!DOCTYPE html>')
    expect((await get('/no-such-page', 'identity')).headers.get('content-encoding')).toBeNull()
  })

  it('sends no HSTS over plain HTTP development, and never reflects a foreign origin (CORS)', async () => {
    const response = await fetch(`${app.url}/api/health`, { headers: { origin: 'https://evil.test' } })
    expect(response.headers.get('strict-transport-security')).toBeNull()
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    const preflight = await fetch(`${app.url}/api/v1/identity/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('signs shoppers in on embedded stores too (PGlite, the Redis emulation, a generated key)', async () => {
    const identity = `${app.url}/api/v1/identity`
    const post = (path: string, body: unknown, bearer?: string) =>
      fetch(`${identity}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      })
    const account = { email: 'embedded@example.com', password: 'an embedded passphrase', firstName: 'Em' }
    expect((await post('register', account)).status).toBe(201)
    expect((await post('login', { ...account, password: 'not the passphrase' })).status).toBe(401)
    const { accessToken, refreshToken } = await (await post('login', account)).json()
    const me = await fetch(`${identity}/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    expect(await me.json()).toMatchObject({ email: account.email, roles: ['Customer'] })
    expect((await post('refresh', { refreshToken })).status).toBe(200)
    expect((await post('refresh', { refreshToken })).status).toBe(401) // reuse
    const revoked = await fetch(`${identity}/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    expect(revoked.status).toBe(401)
  })

  it('echoes a caller’s request id and replaces an unsafe one', async () => {
    const echoed = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': 'lb-1234abcd' } })
    expect(echoed.headers.get('x-request-id')).toBe('lb-1234abcd')
    const unsafe = await fetch(`${app.url}/api/health`, { headers: { 'x-request-id': 'not a safe id <script>' } })
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each([
    ['GET', '/api/v1/admin/messaging/outbox'],
    ['GET', '/api/v1/admin/messaging/dead-letters'],
    ['POST', '/api/v1/admin/messaging/dead-letters/01a20e00-0000-7000-8000-000000000000/replay'],
  ])('guards the admin slice %s %s: 401 without a signed-in admin', async (method, path) => {
    const response = await fetch(`${app.url}${path}`, { method })
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('answers an unknown page with a real 404 page: one search box, the categories, as plain HTML', async () => {
    const response = await fetch(`${app.url}/no-such-page`, { headers: { accept: 'text/html' } })
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('We could not find that page')
    expect(html.match(/<form[^>]*action="\/search"[^>]*method="get"/g)).toHaveLength(1)
    expect(html).toMatch(/<nav[^>]*aria-label="Categories"[\s\S]*href="\/categories\/electronics"/)
  })

  it('answers a page address it cannot read with a 400 page that says what is wrong', async () => {
    const response = await fetch(`${app.url}/categories/laptops?page=abc`, { headers: { accept: 'text/html' } })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('We could not read that address')
    expect(html).toContain('page must be a whole number from 1 to 100')
  })

  it.each([
    ['an unknown API route', { method: 'GET' }, '/api/v1/nothing-here', 404],
    [
      'a non-JSON body',
      { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      '/api/v1/x',
      415,
    ],
    [
      'an oversized body',
      { method: 'POST', body: 'x'.repeat(2_000_000), headers: { 'content-type': 'application/json' } },
      '/api/v1/x',
      413,
    ],
  ])('answers %s with problem+json', async (_case, init, path, status) => {
    const response = await fetch(`${app.url}${path}`, init as RequestInit)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const problem = await response.json()
    expect(problem).toMatchObject({ status, instance: path, requestId: response.headers.get('x-request-id') })
  })
})

describe.skipIf(!services.databaseUrl || !services.redisUrl || !services.amqpUrl)(
  'the production server on real services',
  () => {
    let authJwks: string
    const dataDirs: string[] = []
    beforeAll(async () => void (authJwks = await testJwks()))
    afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))))
    // Each instance has its own DATA_DIR: the embedded MongoDB (no real one here) locks its folder.
    const dataDir = () => {
      dataDirs.push(mkdtempSync(join(tmpdir(), 'shop-e2e-real-')))
      return dataDirs.at(-1)!
    }
    const env = () => ({
      AUTH_JWKS: authJwks,
      DATA_DIR: dataDir(),
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      REDIS_KEY_PREFIX: services.redisKeyPrefix,
      AMQP_URL: services.amqpUrl,
      BUS_PREFIX: services.busPrefix,
    })

    it('starts two instances at once on a fresh database, both reporting real services', async () => {
      const apps = await Promise.all([startApp(env()), startApp(env())])
      try {
        for (const app of apps) {
          const response = await fetch(`${app.url}/api/health`)
          expect(response.status).toBe(200)
          expect(await response.json()).toMatchObject({
            sql: { kind: 'real', ok: true },
            redis: { kind: 'real', ok: true },
            bus: { kind: 'real', ok: true },
          })
        }
      } finally {
        await Promise.all(apps.map((app) => app.stop()))
      }
    })

    it('answers 503 naming the dependency that went down, and recovers', async () => {
      const redis = new URL(services.redisUrl!)
      const proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port) })
      const app = await startApp({ ...env(), REDIS_URL: `redis://127.0.0.1:${proxy.port}` })
      try {
        expect((await fetch(`${app.url}/api/health`)).status).toBe(200)
        proxy.cut()
        const down = await fetch(`${app.url}/api/health`)
        expect(down.status).toBe(503)
        expect(await down.json()).toMatchObject({
          status: 'degraded',
          redis: { kind: 'real', ok: false },
          sql: { ok: true },
        })
        proxy.resume()
        await expect.poll(async () => (await fetch(`${app.url}/api/health`)).status, { timeout: 15_000 }).toBe(200)
      } finally {
        await app.stop()
        await proxy.close()
      }
    })
  },
)

describe('start-up with bad configuration', () => {
  it.each([
    [{ DATABASE_URL: 'nonsense' }, ['DATABASE_URL must be a URL starting with postgres://']],
    [{ AMQP_URL: 'http://x' }, ['AMQP_URL must be a URL starting with amqp://']],
    [{ DATABASE_URL: 'nonsense', MAX_BODY_BYTES: 'lots' }, ['DATABASE_URL', 'MAX_BODY_BYTES']],
  ])('stops with one clear line: %j', async (env, mentions) => {
    const { code, stderr } = await runAppExpectingExit(env)
    expect(code).toBe(78)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    for (const mention of mentions) expect(stderr).toContain(mention)
  })

  it('exits instead of serving when a configured database cannot be reached', async () => {
    const { code, stdout } = await runAppExpectingExit({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' })
    expect(code).toBe(1)
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({
      level: 60,
      msg: 'could not start the infrastructure',
    })
  })
})
