import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { client, newAccount, PASSWORD, realServicesAvailable, startIdentityApp, type IdentityApp } from './identity-app'

const IDENTITY = '/api/v1/identity'
const NUL = '\u0000'

/**
 * Postgres refuses a NUL in text, so one that reached a query answered 500 (found by fuzzing).
 * The kernel's text schemas refuse control characters first: a 400 naming the field, nothing written.
 */
describe.skipIf(!realServicesAvailable)('identity refuses control characters in text', () => {
  let app: IdentityApp
  let db: pg.Client
  let bearer: string
  const profile = async () =>
    (await db.query('select first_name, last_name, updated_at from identity.users order by email')).rows

  beforeAll(async () => {
    app = await startIdentityApp()
    db = new pg.Client({ connectionString: testServices().databaseUrl })
    await db.connect()
    const registered = await client(app).request('POST', `${IDENTITY}/register`, { body: newAccount('text') })
    bearer = (await registered.json()).accessToken
  })
  afterAll(async () => {
    await db?.end()
    await app?.close()
  })

  it.each([
    ['POST', 'login', 'email', { email: `ann${NUL}@example.com`, password: PASSWORD }],
    ['POST', 'register', 'email', { ...newAccount('nul-email'), email: `nul${NUL}@example.com` }],
    ['POST', 'register', 'firstName', { ...newAccount('nul-first'), firstName: `Ann${NUL}` }],
    ['POST', 'register', 'lastName', { ...newAccount('nul-last'), lastName: `${NUL}` }],
    ['POST', 'forgot-password', 'email', { email: `ann${NUL}@example.com` }],
    ['PATCH', 'me', 'firstName', { firstName: `A${NUL}nn` }],
    ['PATCH', 'me', 'lastName', { lastName: `Lee\u001b[2J` }],
  ])('%s /%s with a control character in %s: 400 naming it, nothing written', async (method, slice, field, body) => {
    const before = await profile()
    const response = await client(app).request(method, `${IDENTITY}/${slice}`, { body, bearer })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect((await response.json()).errors).toEqual([{ field, message: 'must not contain control characters' }])
    expect(await profile()).toEqual(before)
  })
})
