import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAppExpectingExit } from '#scripts/lib/app-process'
import { projectRoot } from '#scripts/lib/production-build'
import { testServices } from '#test/support/services'
import { ADMIN, client, IDENTITY, identityTestbed, newAccount, PASSWORD, realServicesAvailable } from './identity-app'

const services = testServices()

describe.skipIf(!realServicesAvailable)(
  'admins: roles, locked accounts, the first admin (PUT /users/{id}/lock)',
  () => {
    const bed = identityTestbed()

    it('keeps a Customer out of Admin slices and lets the configured admin in', async () => {
      const customer = client(bed.app)
      const { accessToken } = await (
        await customer.request('POST', `${IDENTITY}/register`, { body: newAccount() })
      ).json()
      const denied = await customer.request('GET', '/api/v1/admin/messaging/outbox', { bearer: accessToken })
      expect(denied.status).toBe(403)
      expect(denied.headers.get('content-type')).toBe('application/problem+json')

      const admin = client(bed.app)
      const signedIn = await (
        await admin.request('POST', `${IDENTITY}/login`, {
          body: { email: ADMIN.email, password: ADMIN.password },
        })
      ).json()
      expect(signedIn.user.roles).toEqual(['Admin', 'Customer'])
      expect(
        (await admin.request('GET', '/api/v1/admin/messaging/outbox', { bearer: signedIn.accessToken })).status,
      ).toBe(200)
    })

    it('locks an account at once: its sessions end and it cannot sign in until unlocked', async () => {
      const account = newAccount('locked')
      const victim = await (await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })).json()
      const admin = await (
        await client(bed.app).request('POST', `${IDENTITY}/login`, {
          body: { email: ADMIN.email, password: ADMIN.password },
        })
      ).json()
      const lock = (locked: boolean, bearer: string) =>
        client(bed.app).request('PUT', `${IDENTITY}/users/${victim.user.id}/lock`, { bearer, body: { locked } })

      expect((await lock(true, victim.accessToken)).status).toBe(403) // customers cannot
      expect((await lock(true, admin.accessToken)).status).toBe(204)
      expect((await client(bed.app).request('GET', `${IDENTITY}/me`, { bearer: victim.accessToken })).status).toBe(401)
      expect(
        (await client(bed.app).request('POST', `${IDENTITY}/refresh`, { body: { refreshToken: victim.refreshToken } }))
          .status,
      ).toBe(401)
      const login = await client(bed.app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: PASSWORD },
      })
      expect(login.status).toBe(401)

      expect((await lock(false, admin.accessToken)).status).toBe(204)
      const unlocked = await client(bed.app).request('POST', `${IDENTITY}/login`, {
        body: { email: account.email, password: PASSWORD },
      })
      expect(unlocked.status).toBe(200)
    })

    it('promotes an existing account to Admin from the command line only with its own password', async () => {
      const account = newAccount('promoted')
      await client(bed.app).request('POST', `${IDENTITY}/register`, { body: account })
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
                DATA_DIR: bed.app.dataDir,
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
  },
)

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
