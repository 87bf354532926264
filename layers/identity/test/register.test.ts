import { describe, expect, it } from 'vitest'
import { client, IDENTITY, identityTestbed, newAccount, PASSWORD, realServicesAvailable } from './identity-app'

describe.skipIf(!realServicesAvailable)('registering an account (POST /register)', () => {
  const bed = identityTestbed()

  it('publishes identity.user-registered.v1 through the outbox with the account', async () => {
    const account = newAccount('event')
    const response = await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })
    const { user } = await response.json()
    const { rows } = await bed.db.query(
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
            await bed.db.query(`select processed_on from identity.outbox where content->'payload'->>'userId' = $1`, [
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
    expect((await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).status).toBe(201)
    const before = await bed.countUsers()
    const again = await client(bed.app).request('POST', `${IDENTITY}/register`, {
      body: { ...account, email: account.email.toUpperCase() },
    })
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ status: 409, detail: expect.stringContaining('already exists') })
    expect(await bed.countUsers()).toBe(before)
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
    const before = await bed.countUsers()
    const response = await client(bed.app).request('POST', `${IDENTITY}/register`, { body })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    const text = await response.text()
    const problem = JSON.parse(text)
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field)
    if ('password' in body && body.password.length > 5) expect(text).not.toContain(body.password) // never echoed
    expect(await bed.countUsers()).toBe(before)
  })

  it('accepts long and unicode passwords, the same however they are normalised', async () => {
    const composed = 'pässwörd-ünïcode-🔑-' + 'ü'.repeat(200) // 220 characters, more than 400 bytes
    const account = { ...newAccount('unicode'), password: composed }
    expect((await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).status).toBe(201)
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    const login = await client(bed.app).request('POST', `${IDENTITY}/login`, {
      body: { email: account.email, password: decomposed },
    })
    expect(login.status).toBe(200)
  })
})
