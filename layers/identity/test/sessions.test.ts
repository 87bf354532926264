import { describe, expect, it } from 'vitest'
import {
  ADMIN,
  client,
  expectNoSecretsInLog,
  IDENTITY,
  identityTestbed,
  newAccount,
  PASSWORD,
  realServicesAvailable,
} from './identity-app'

describe.skipIf(!realServicesAvailable)('sessions: refresh tokens and signing out (POST /refresh, /logout)', () => {
  const bed = identityTestbed()
  /** Every token and password the tests saw, for the log check at the end. */
  const secrets = new Set<string>([PASSWORD, ADMIN.password])

  it('register → login → me → refresh → reuse revokes the family → logout ends the access token', async () => {
    const shopper = client(bed.app)
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
    const stored = await bed.db.query(
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
    const { rows } = await bed.db.query(
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

  it('gives two parallel refreshes of one token one successor at most', async () => {
    const shopper = client(bed.app)
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

  it('signs out everywhere', async () => {
    const account = newAccount('everywhere')
    const a = await (await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const b = await (
      await client(bed.app).request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()
    const out = await client(bed.app).request('POST', `${IDENTITY}/logout?everywhere=true`, { bearer: a.accessToken })
    expect(out.status).toBe(204)
    expect((await client(bed.app).request('GET', `${IDENTITY}/me`, { bearer: b.accessToken })).status).toBe(401)
    expect(
      (await client(bed.app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: b.refreshToken } })).status,
    ).toBe(401)
  })

  it('lets no refresh racing a password reset keep a session', async () => {
    for (let round = 0; round < 5; round++) {
      const account = newAccount('racer')
      const thief = client(bed.app)
      const session = await (await thief.request('POST', `${IDENTITY}/register`, { body: account })).json()
      await client(bed.app).request('POST', `${IDENTITY}/forgot-password`, { body: { email: account.email } })
      const [mail] = await bed.app.mailTo(account.email, 'Reset your password')
      const token = /reset-password\?token=([\w-]+)/.exec(mail!.text)![1]!
      const [refreshed, reset] = await Promise.all([
        thief.request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: session.refreshToken } }),
        client(bed.app).request('POST', `${IDENTITY}/reset-password`, {
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
    const laptop = await (await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const phone = await (
      await client(bed.app).request('POST', `${IDENTITY}/login`, { body: { email: account.email, password: PASSWORD } })
    ).json()
    const rotated = await (
      await client(bed.app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: laptop.refreshToken } })
    ).json()
    await client(bed.app).request('POST', `${IDENTITY}/logout`, { bearer: rotated.accessToken })
    const old = await client(bed.app).request('POST', `${IDENTITY}/refresh`, {
      body: { refreshToken: laptop.refreshToken },
    })
    expect(old.status).toBe(401)
    expect((await client(bed.app).request('GET', `${IDENTITY}/me`, { bearer: phone.accessToken })).status).toBe(200)
  })

  it('writes no password, token or mailed link to the log', () => expectNoSecretsInLog(bed.app, secrets))
})
