import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { testJwks } from '#test/support/auth-keys'
import { testServices } from '#test/support/services'

export const PUBLIC_URL = 'https://shop.test'
const services = testServices()
export const realServicesAvailable = Boolean(services.databaseUrl && services.redisUrl)

export interface IdentityApp extends AppProcess {
  dataDir: string
  authJwks: string
  /**
   * The mail with `subject` the shop's mailbox holds for `to`, oldest first, once there are at
   * least `count` of them (mail goes out just after the request that asked for it).
   */
  mailTo(to: string, subject: string, count?: number): Promise<{ subject: string; text: string }[]>
  close(): Promise<void>
}

/** The production server on real Postgres and Redis, served as if at https://shop.test behind one proxy. */
export async function startIdentityApp(env: Record<string, string> = {}): Promise<IdentityApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shop-identity-'))
  const authJwks = await testJwks()
  const app = await startApp({
    DATA_DIR: dataDir,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: services.redisKeyPrefix,
    PUBLIC_URL,
    TRUST_PROXY_HOPS: '1',
    AUTH_JWKS: authJwks,
    ...env,
  })
  return {
    ...app,
    dataDir,
    authJwks,
    mailTo: (to, subject, count = 1) => mailboxOf(to, subject, count),
    async close() {
      await app.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function mailboxOf(to: string, subject: string, count: number) {
  const db = new pg.Client({ connectionString: services.databaseUrl })
  await db.connect()
  try {
    const read = async () =>
      (
        await db.query<{ subject: string; text: string }>(
          'select subject, text from notification.mailbox where to_address = $1 and subject = $2 order by id',
          [to, subject],
        )
      ).rows
    await expect.poll(async () => (await read()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count)
    return await read()
  } finally {
    await db.end()
  }
}

export { client, type Client } from '#test/support/http-client'

let accounts = 0
export const PASSWORD = 'a perfectly fine passphrase'

/** A new account's details, unique per call. */
export const newAccount = (label = 'shopper') => ({
  email: `${label}-${Date.now().toString(36)}-${++accounts}@example.com`,
  password: PASSWORD,
  firstName: 'Ada',
  lastName: 'Lovelace',
})

export const IDENTITY = '/api/v1/identity'
export const ADMIN = { email: 'owner@shop.test', password: 'the owner’s long passphrase' }

/**
 * One test file's identity app (with the configured admin, logging at debug so a file can check
 * that no secret reaches the log) and a Postgres client to look behind it: started before the
 * file's tests, stopped after them.
 */
export function identityTestbed(env: Record<string, string> = {}) {
  const bed = {} as { app: IdentityApp; db: pg.Client; countUsers(): Promise<number> }
  beforeAll(async () => {
    bed.app = await startIdentityApp({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'debug',
      ...env,
    })
    bed.db = new pg.Client({ connectionString: services.databaseUrl })
    await bed.db.connect()
  })
  afterAll(async () => {
    await bed.db?.end()
    await bed.app?.close()
  })
  bed.countUsers = async () => Number((await bed.db.query('select count(*) from identity.users')).rows[0].count)
  return bed
}

/** Fails when the app's log holds any of the secrets (passwords, tokens, mailed links) the tests saw. */
export function expectNoSecretsInLog(app: IdentityApp, secrets: Iterable<string>) {
  const log = app.output()
  expect(log).toContain('"msg":"request"') // the debug log did record the requests
  for (const secret of secrets) expect(log).not.toContain(secret)
}
