import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAppExpectingExit } from '#scripts/lib/app-process'
import { projectRoot } from '#scripts/lib/production-build'
import { testServices } from '#test/support/services'
import { client, newAccount, PASSWORD, realServicesAvailable, startIdentityApp, type IdentityApp } from './identity-app'

const services = testServices()
const IDENTITY = '/api/v1/identity'
const ADMIN_PASSWORD = 'the owner’s long passphrase'
/** Every token and password the tests saw, for the log check at the end. */
const secrets = new Set<string>([PASSWORD, ADMIN_PASSWORD])

describe.skipIf(!realServicesAvailable)('identity over HTTP, on real Postgres and Redis', () => {
  let app: IdentityApp
  let db: pg.Client

  beforeAll(async () => {
    app = await startIdentityApp({
      ADMIN_EMAIL: 'owner@shop.test',
      ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'debug', // so the last test can show that no secret reaches the log
    })
    db = new pg.Client({ connectionString: services.databaseUrl })
    await db.connect()
  })
  afterAll(async () => {
    await db?.end()
    await app?.close()
  })

  const countUsers = async () => Number((await db.query('select count(*) from identity.users')).rows[0].count)

  it('register → login → me → refresh → reuse revokes the family → logout ends the access token', async () => {
    const shopper = client(app)
    const account = newAccount()
    const registered = await shopper.request('POST', `${IDENTITY}/register`, { body: account })
    expect(registered.status).toBe(201)
    expect((await registered.json()).user).toMatchObject({ email: account.email, roles: ['Customer'] })

    const login = await shopper.request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
    expect(login.headers.get('cache-control')).toBe('no-store')
    const first = await login.json()
    secrets.add(first.accessToken).add(first.refreshToken)
    expect(Buffer.from(first.refreshToken, 'base64url')).toHaveLength(32) // opaque, 256 bits
    const stored = await db.query(
      'select count(*) filter (where token_hash = sha256($1)) as hashed, count(*) filter (where token_hash = $1) as raw from identity.refresh_tokens',
      [Buffer.from(first.refreshToken)],
    )
    expect(stored.rows[0]).toEqual({ hashed: '1', raw: '0' }) // kept only as its SHA-256
    expect(first).toMatchObject({ tokenType: 'Bearer', user: { email: account.email } })

    const me = await shopper.request('GET', `${IDENTITY}/me`, { bearer: first.accessToken })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ email: account.email, firstName: 'Ada', emailConfirmed: false })

    const rotated = await shopper.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: first.refreshToken } })
    expect(rotated.status).toBe(200)
    const second = await rotated.json()
    expect(second.refreshToken).not.toBe(first.refreshToken)
    expect(second.refreshTokenExpiresAt).toBe(first.refreshTokenExpiresAt) // rotation never extends the 7 days
    expect((await shopper.request('GET', `${IDENTITY}/me`, { bearer: second.accessToken })).status).toBe(200)

    // The rotated token comes back: reuse. It is refused and the whole family with it.
    const reused = await shopper.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: first.refreshToken } })
    expect(reused.status).toBe(401)
    expect(reused.headers.get('content-type')).toBe('application/problem+json')
    const successor = await shopper.request('POST', `${IDENTITY}/refresh`, {
      body: { refreshToken: second.refreshToken },
    })
    expect(successor.status).toBe(401)
    expect((await shopper.request('GET', `${IDENTITY}/me`, { bearer: second.accessToken })).status).toBe(401)
    const { rows } = await db.query(
      `select revoked_reason from identity.refresh_tokens t join identity.users u on u.id = t.user_id where lower(u.email) = lower($1)`,
      [account.email],
    )
    expect(rows.every((row) => row.revoked_reason !== null)).toBe(true)

    // A new sign-in works; logging out kills its access token at once, not in 15 minutes.
    const again = await (
      await shopper.request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()
    expect((await shopper.request('POST', `${IDENTITY}/logout`, { bearer: again.accessToken })).status).toBe(204)
    expect((await shopper.request('GET', `${IDENTITY}/me`, { bearer: again.accessToken })).status).toBe(401)
    const afterLogout = await shopper.request('POST', `${IDENTITY}/refresh`, {
      body: { refreshToken: again.refreshToken },
    })
    expect(afterLogout.status).toBe(401)
  })

  it('publishes identity.user-registered.v1 through the outbox with the account', async () => {
    const account = newAccount('event')
    const response = await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const { user } = await response.json()
    const { rows } = await db.query(
      `select type, content from identity.outbox where content->'payload'->>'userId' = $1`,
      [user.id],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].type).toBe('identity.user-registered.v1')
    // …and the relay publishes it.
    await expect
      .poll(
        async () =>
          (
            await db.query(`select processed_on from identity.outbox where content->'payload'->>'userId' = $1`, [
              user.id,
            ])
          ).rows[0].processed_on,
        { timeout: 10_000 },
      )
      .not.toBeNull()
    expect(rows[0].content.payload).toEqual({
      userId: user.id,
      email: account.email,
      firstName: 'Ada',
      lastName: 'Lovelace',
      via: 'password',
    })
  })

  it('answers a taken email with 409, whatever its case, and creates nothing', async () => {
    const account = newAccount('twice')
    expect((await client(app).request('POST', `${IDENTITY}/register`, { body: account })).status).toBe(201)
    const before = await countUsers()
    const again = await client(app).request('POST', `${IDENTITY}/register`, {
      body: { ...account, email: account.email.toUpperCase() },
    })
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ status: 409, detail: expect.stringContaining('already exists') })
    expect(await countUsers()).toBe(before)
  })

  it('gives an unknown email and a wrong password the same answer', async () => {
    const account = newAccount('enumeration')
    await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const strip = async (response: Response) => {
      const { requestId: _id, ...body } = await response.json()
      return { status: response.status, body }
    }
    const unknown = await strip(
      await client(app).request('POST', `${IDENTITY}/login`, {
        body: { email: `x${account.email}`, password: PASSWORD },
      }),
    )
    const wrong = await strip(
      await client(app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: `${PASSWORD}!` },
      }),
    )
    expect(unknown.status).toBe(401)
    expect(unknown).toEqual(wrong)
  })

  it.each([
    ['a missing password', { email: 'a@example.com', firstName: 'A' }, 'password'],
    ['a malformed email', { email: 'not-an-email', password: PASSWORD, firstName: 'A' }, 'email'],
    ['a short password', { email: 'short@example.com', password: 'short', firstName: 'A' }, 'password'],
    ['a common password', { email: 'common@example.com', password: 'qwertyuiop', firstName: 'A' }, 'password'],
    ['the email as password', { email: 'same@example.com', password: 'same@example.com', firstName: 'A' }, 'password'],
    ['a too long password', { email: 'long@example.com', password: 'x'.repeat(257), firstName: 'A' }, 'password'],
    ['a missing first name', { email: 'noname@example.com', password: PASSWORD }, 'firstName'],
  ])('rejects registration with %s: 400 problem+json, nothing written', async (_, body, field) => {
    const before = await countUsers()
    const response = await client(app).request('POST', `${IDENTITY}/register`, { body })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const text = await response.text()
    const problem = JSON.parse(text)
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field)
    if ('password' in body && body.password.length > 5) expect(text).not.toContain(body.password) // never echoed
    expect(await countUsers()).toBe(before)
  })

  it('accepts long and unicode passwords, the same however they are normalised', async () => {
    const composed = 'pässwörd-ünïcode-🔑-' + 'ü'.repeat(200) // 220 characters, more than 400 bytes
    const account = { ...newAccount('unicode'), password: composed }
    expect((await client(app).request('POST', `${IDENTITY}/register`, { body: account })).status).toBe(201)
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    const login = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: decomposed },
    })
    expect(login.status).toBe(200)
  })

  it('limits login attempts per address: 429 with Retry-After', async () => {
    const attacker = client(app)
    const statuses: number[] = []
    let last: Response | undefined
    for (let i = 0; i < 22; i++) {
      last = await attacker.request('POST', `${IDENTITY}/login`, {
        body: { email: `nobody${i}@example.com`, password: 'wrong password here' },
      })
      statuses.push(last.status)
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last!.headers.get('content-type')).toBe('application/problem+json')
  })

  it('limits failed logins per account, across addresses', async () => {
    const account = newAccount('targeted')
    await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const response = await client(app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: `guess number ${i}` },
      })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('keeps a Customer out of Admin slices and lets the configured admin in', async () => {
    const customer = client(app)
    const { accessToken } = await (
      await customer.request('POST', `${IDENTITY}/register`, { body: newAccount() })
    ).json()
    const denied = await customer.request('GET', '/api/v1/admin/messaging/outbox', { bearer: accessToken })
    expect(denied.status).toBe(403)
    expect(denied.headers.get('content-type')).toBe('application/problem+json')

    const admin = client(app)
    const signedIn = await (
      await admin.request('POST', `${IDENTITY}/login`, {
        body: { email: 'owner@shop.test', password: ADMIN_PASSWORD },
      })
    ).json()
    expect(signedIn.user.roles).toEqual(['Admin', 'Customer'])
    expect(
      (await admin.request('GET', '/api/v1/admin/messaging/outbox', { bearer: signedIn.accessToken })).status,
    ).toBe(200)
  })

  it('gives two parallel refreshes of one token one successor at most', async () => {
    const shopper = client(app)
    const { refreshToken } = await (
      await shopper.request('POST', `${IDENTITY}/register`, { body: newAccount() })
    ).json()
    const responses = await Promise.all(
      [1, 2, 3].map(() => shopper.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken } })),
    )
    const successors = new Set<string>()
    for (const response of responses) if (response.status === 200) successors.add((await response.json()).refreshToken)
    expect(successors.size).toBeLessThanOrEqual(1)
  })

  it('changes a password only with the current one, ending every other session', async () => {
    const account = newAccount('changer')
    const laptop = client(app)
    const phone = client(app)
    const onLaptop = await (await laptop.request('POST', `${IDENTITY}/register`, { body: account })).json()
    const onPhone = await (
      await phone.request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()

    const wrong = await laptop.request('POST', `${IDENTITY}/change-password`, {
      bearer: onLaptop.accessToken,
      body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    })
    expect(wrong.status).toBe(400)
    expect((await wrong.json()).errors).toEqual([{ field: 'currentPassword', message: 'is not your current password' }])

    const changed = await laptop.request('POST', `${IDENTITY}/change-password`, {
      bearer: onLaptop.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    })
    expect(changed.status).toBe(204)
    expect((await laptop.request('GET', `${IDENTITY}/me`, { bearer: onLaptop.accessToken })).status).toBe(200)
    expect((await phone.request('GET', `${IDENTITY}/me`, { bearer: onPhone.accessToken })).status).toBe(401)
    expect(
      (await phone.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: onPhone.refreshToken } })).status,
    ).toBe(401)
    const oldPassword = await phone.request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(oldPassword.status).toBe(401)
  })

  it('resets a forgotten password through a single-use mailed link, ending every session', async () => {
    const account = newAccount('forgetful')
    const shopper = client(app)
    const session = await (await shopper.request('POST', `${IDENTITY}/register`, { body: account })).json()

    const unknown = await client(app).request('POST', `${IDENTITY}/forgot-password`, {
      body: { email: `nobody-${account.email}` },
    })
    const known = await shopper.request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(await unknown.json()).toEqual(await known.json())

    // Asked twice: the first link must stop working once the second is used.
    await shopper.request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
    const mails = (await app.mailTo(account.email)).filter((m) => m.subject === 'Reset your password')
    expect(mails).toHaveLength(2)
    const earlier = /reset-password\?token=([\w-]+)/.exec(mails[0]!.text)![1]!
    const token = /reset-password\?token=([\w-]+)/.exec(mails[1]!.text)![1]!
    secrets.add(token).add(earlier)
    const lifetime = await db.query(
      'select extract(epoch from expires_at - created_at) as seconds from identity.one_time_tokens where token_hash = sha256($1)',
      [Buffer.from(token)],
    )
    expect(Number(lifetime.rows[0].seconds)).toBeLessThanOrEqual(30 * 60) // short-lived
    expect(Buffer.from(token, 'base64url')).toHaveLength(32) // 256 bits
    const { rows } = await db.query('select count(*) from identity.one_time_tokens where token_hash = $1', [
      Buffer.from(token),
    ])
    expect(Number(rows[0].count)).toBe(0) // stored hashed, never as sent

    const reset = await shopper.request('POST', `${IDENTITY}/reset-password`, {
      body: { token, newPassword: 'my recovered passphrase' },
    })
    expect(reset.status).toBe(204)
    expect((await shopper.request('GET', `${IDENTITY}/me`, { bearer: session.accessToken })).status).toBe(401)
    const replay = await shopper.request('POST', `${IDENTITY}/reset-password`, {
      body: { token, newPassword: 'another new passphrase' },
    })
    expect(replay.status).toBe(400)
    const older = await shopper.request('POST', `${IDENTITY}/reset-password`, {
      body: { token: earlier, newPassword: 'another new passphrase' },
    })
    expect(older.status).toBe(400)
    const login = await shopper.request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: 'my recovered passphrase' },
    })
    expect(login.status).toBe(200)
    expect((await login.json()).user.emailConfirmed).toBe(true)
  })

  it('confirms an email with the mailed link, once', async () => {
    const account = newAccount('confirming')
    const shopper = client(app)
    const { accessToken } = await (await shopper.request('POST', `${IDENTITY}/register`, { body: account })).json()
    const mail = (await app.mailTo(account.email)).find((m) => m.subject === 'Confirm your email address')!
    const token = /confirm-email\?token=([\w-]+)/.exec(mail.text)![1]!
    expect((await shopper.request('POST', `${IDENTITY}/confirm-email`, { body: { token } })).status).toBe(204)
    expect((await shopper.request('POST', `${IDENTITY}/confirm-email`, { body: { token } })).status).toBe(400)
    expect(await (await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken })).json()).toMatchObject({
      emailConfirmed: true,
    })
  })

  it('signs out everywhere', async () => {
    const account = newAccount('everywhere')
    const a = await (await client(app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const b = await (
      await client(app).request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()
    const out = await client(app).request('POST', `${IDENTITY}/logout?everywhere=true`, { bearer: a.accessToken })
    expect(out.status).toBe(204)
    expect((await client(app).request('GET', `${IDENTITY}/me`, { bearer: b.accessToken })).status).toBe(401)
    expect(
      (await client(app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: b.refreshToken } })).status,
    ).toBe(401)
  })

  it('updates the profile (and its cache)', async () => {
    const shopper = client(app)
    const { accessToken } = await (await shopper.request('POST', `${IDENTITY}/register`, { body: newAccount() })).json()
    await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken }) // cached now
    const patched = await shopper.request('PATCH', `${IDENTITY}/me`, {
      bearer: accessToken,
      body: { lastName: 'Byron' },
    })
    expect(patched.status).toBe(200)
    expect(await (await shopper.request('GET', `${IDENTITY}/me`, { bearer: accessToken })).json()).toMatchObject({
      firstName: 'Ada',
      lastName: 'Byron',
    })
    const invalid = await shopper.request('PATCH', `${IDENTITY}/me`, { bearer: accessToken, body: { email: 'x@y.z' } })
    expect(invalid.status).toBe(400)
  })

  it('upgrades a hash below the policy when its owner signs in', async () => {
    const account = newAccount('legacy')
    const { user } = await (await client(app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 })
    await db.query('update identity.users set password_hash = $1 where id = $2', [weak, user.id])
    const login = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
    const { rows } = await db.query('select password_hash from identity.users where id = $1', [user.id])
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('starts a new session on every login', async () => {
    const account = newAccount('twice-in')
    await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const signIn = async () =>
      (
        await client(app).request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
      ).json()
    const [a, b] = [await signIn(), await signIn()]
    const sid = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid
    expect(sid(a.accessToken)).not.toBe(sid(b.accessToken))
    expect(a.refreshToken).not.toBe(b.refreshToken)
    await client(app).request('POST', `${IDENTITY}/logout`, { bearer: a.accessToken })
    expect((await client(app).request('GET', `${IDENTITY}/me`, { bearer: b.accessToken })).status).toBe(200)
  })

  it('locks an account at once: its sessions end and it cannot sign in until unlocked', async () => {
    const account = newAccount('locked')
    const victim = await (await client(app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const admin = await (
      await client(app).request('POST', `${IDENTITY}/login`, {
        body: { email: 'owner@shop.test', password: ADMIN_PASSWORD },
      })
    ).json()
    const lock = (locked: boolean, bearer: string) =>
      client(app).request('PUT', `${IDENTITY}/users/${victim.user.id}/lock`, { bearer, body: { locked } })

    expect((await lock(true, victim.accessToken)).status).toBe(403) // customers cannot
    expect((await lock(true, admin.accessToken)).status).toBe(204)
    expect((await client(app).request('GET', `${IDENTITY}/me`, { bearer: victim.accessToken })).status).toBe(401)
    expect(
      (await client(app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: victim.refreshToken } }))
        .status,
    ).toBe(401)
    const login = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(login.status).toBe(401)

    expect((await lock(false, admin.accessToken)).status).toBe(204)
    const unlocked = await client(app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(unlocked.status).toBe(200)
  })

  it('writes no password, token or mailed link to the log', async () => {
    const log = app.output()
    expect(log).toContain('"msg":"request"') // the debug log did record the requests
    for (const secret of secrets) expect(log).not.toContain(secret)
  })

  it('shares the limits between instances: attempts on two servers count together', async () => {
    const second = await startIdentityApp()
    try {
      const ip = `10.250.${Math.floor(Math.random() * 250)}.7`
      const attempt = (server: IdentityApp, i: number) =>
        fetch(`${server.url}${IDENTITY}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ email: `nobody-${i}@example.com`, password: 'not a real password' }),
        })
      const statuses: number[] = []
      for (let i = 0; i < 21; i++) statuses.push((await attempt(i % 2 ? second : app, i)).status)
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true)
      expect(statuses[20]).toBe(429)
    } finally {
      await second.close()
    }
  })

  it('lets no refresh racing a password reset keep a session', async () => {
    for (let round = 0; round < 5; round++) {
      const account = newAccount('racer')
      const thief = client(app)
      const session = await (await thief.request('POST', `${IDENTITY}/register`, { body: account })).json()
      await client(app).request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
      const mail = (await app.mailTo(account.email)).find((m) => m.subject === 'Reset your password')!
      const token = /reset-password\?token=([\w-]+)/.exec(mail.text)![1]!
      const [refreshed, reset] = await Promise.all([
        thief.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: session.refreshToken } }),
        client(app).request('POST', `${IDENTITY}/reset-password`, {
          body: { token, newPassword: 'the owner is back in' },
        }),
      ])
      expect(reset.status).toBe(204)
      if (refreshed.status !== 200) continue
      const stolen = await refreshed.json()
      expect((await thief.request('GET', `${IDENTITY}/me`, { bearer: stolen.accessToken })).status).toBe(401)
      const again = await thief.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: stolen.refreshToken } })
      expect(again.status).toBe(401)
    }
  })

  it('refuses an old rotated token after its session ended, without signing the owner out elsewhere', async () => {
    const account = newAccount('old-cookie')
    const laptop = await (await client(app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const phone = await (
      await client(app).request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()
    const rotated = await (
      await client(app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: laptop.refreshToken } })
    ).json()
    await client(app).request('POST', `${IDENTITY}/logout`, { bearer: rotated.accessToken })
    const old = await client(app).request('POST', `${IDENTITY}/refresh`, {
      body: { refreshToken: laptop.refreshToken },
    })
    expect(old.status).toBe(401)
    expect((await client(app).request('GET', `${IDENTITY}/me`, { bearer: phone.accessToken })).status).toBe(200)
  })

  it('promotes an existing account to Admin from the command line only with its own password', async () => {
    const account = newAccount('promoted')
    await client(app).request('POST', `${IDENTITY}/register`, { body: account })
    const run = (password: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'scripts/identity.ts', 'create-admin', account.email],
          {
            cwd: projectRoot,
            env: {
              ...process.env,
              DATABASE_URL: services.databaseUrl,
              ADMIN_PASSWORD: password,
              DATA_DIR: app.dataDir,
            },
          },
        )
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        child.on('exit', (code) => resolve({ code, output }))
      })
    const squatter = await run('someone else’s password')
    expect(squatter.code).toBe(1)
    expect(squatter.output).toContain('was not made an admin')
    const owner = await run(PASSWORD)
    expect(owner.code).toBe(0)
    expect(owner.output).toContain(`${account.email}: promoted`)
  })
})

describe.skipIf(!realServicesAvailable)('identity start-up', () => {
  it('refuses to run in production on a real database without AUTH_JWKS', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'shop-identity-no-key-'))
    const { code, stderr } = await runAppExpectingExit({
      DATABASE_URL: services.databaseUrl!,
      REDIS_URL: services.redisUrl!,
      REDIS_KEY_PREFIX: services.redisKeyPrefix,
      DATA_DIR: dataDir,
    }).finally(() => rm(dataDir, { recursive: true, force: true }))
    expect(code).toBe(78)
    expect(stderr).toContain('AUTH_JWKS must be set in production')
  })
})
