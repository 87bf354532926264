import { hash } from '@node-rs/argon2'
import { describe, expect, it } from 'vitest'
import {
  client,
  IDENTITY,
  identityTestbed,
  newAccount,
  PASSWORD,
  realServicesAvailable,
  startIdentityApp,
  type IdentityApp,
} from './identity-app'

describe.skipIf(!realServicesAvailable)('signing in (POST /login)', () => {
  const bed = identityTestbed()

  it('gives an unknown email and a wrong password the same answer', async () => {
    const account = newAccount('enumeration')
    await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })
    const strip = async (response: Response) => {
      const { requestId: _id, ...body } = await response.json()
      return { status: response.status, body }
    }
    const unknown = await strip(
      await client(bed.app).request('POST', `${IDENTITY}/login`, {
        body: { email: `x${account.email}`, password: PASSWORD },
      }),
    )
    const wrong = await strip(
      await client(bed.app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: `${PASSWORD}!` },
      }),
    )
    expect(unknown.status).toBe(401)
    expect(unknown).toEqual(wrong)
  })

  it('limits login attempts per address: 429 with Retry-After', async () => {
    const attacker = client(bed.app)
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
    await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const response = await client(bed.app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: `guess number ${i}` },
      })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('upgrades a hash below the policy when its owner signs in', async () => {
    const account = newAccount('legacy')
    const { user } = await (await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).json()
    const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 })
    await bed.db.query('update identity.users set password_hash = $1 where id = $2', [weak, user.id])
    const login = await client(bed.app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: PASSWORD },
    })
    expect(login.status).toBe(200)
    const { rows } = await bed.db.query('select password_hash from identity.users where id = $1', [user.id])
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  it('starts a new session on every login', async () => {
    const account = newAccount('twice-in')
    await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })
    const signIn = async () =>
      (
        await client(bed.app).request('POST', `${IDENTITY}/login`, {
          body: { email: account.email, password: PASSWORD },
        })
      ).json()
    const [a, b] = [await signIn(), await signIn()]
    const sid = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid
    expect(sid(a.accessToken)).not.toBe(sid(b.accessToken))
    expect(a.refreshToken).not.toBe(b.refreshToken)
    await client(bed.app).request('POST', `${IDENTITY}/logout`, { bearer: a.accessToken })
    expect((await client(bed.app).request('GET', `${IDENTITY}/me`, { bearer: b.accessToken })).status).toBe(200)
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
      for (let i = 0; i < 21; i++) statuses.push((await attempt(i % 2 ? second : bed.app, i)).status)
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true)
      expect(statuses[20]).toBe(429)
    } finally {
      await second.close()
    }
  })
})
