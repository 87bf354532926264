import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { testJwks } from '#test/support/auth-keys'
import { testServices } from '#test/support/services'

export const ADMIN = { email: 'shop-admin@example.com', password: 'a long admin passphrase' }
export const PUBLIC_URL = 'https://shop.test'

let signIns = 0

export interface ShopApp extends AppProcess {
  /** A bearer token for the admin account (ADMIN_EMAIL), or for a new customer. */
  token(who: 'admin' | 'customer'): Promise<string>
  close(): Promise<void>
}

/**
 * The production server on real Postgres and Redis and the embedded catalog store (seeded with the
 * demo catalog on first start), served as if at https://shop.test. Pass the `dataDir` of a stopped
 * instance to restart it on the same catalog.
 */
export async function startShopApp(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ShopApp> {
  const services = testServices()
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'shop-app-')))
  const app = await startApp({
    DATA_DIR: dataDir,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: services.redisKeyPrefix,
    CATALOG_DATABASE: `catalog_app_${services.runId}`,
    PUBLIC_URL,
    // Sign-ins and registrations come from addresses of their own (X-Forwarded-For), so the
    // per-address limits other test files used up from 127.0.0.1 never apply here.
    TRUST_PROXY_HOPS: '1',
    AUTH_JWKS: await testJwks(),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...options.env,
  })
  const signIn = (body: object, path: 'login' | 'register') => accessToken(app.url, body, path)
  return {
    ...app,
    token: (who) => (who === 'admin' ? signIn(ADMIN, 'login') : signIn(NEW_SHOPPER(), 'register')),
    async close() {
      await app.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A new shopper's registration, under an address nobody else uses. */
const NEW_SHOPPER = () => ({
  email: `shopper-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
  password: 'a fine shopper passphrase',
  firstName: 'Sam',
})

/**
 * An access token from the shop at `url`: signing in, or registering a new shopper (the default),
 * from an address of its own (X-Forwarded-For, where the app trusts it).
 */
export async function accessToken(url: string, body: object = NEW_SHOPPER(), path: 'login' | 'register' = 'register') {
  const response = await fetch(`${url}/api/v1/identity/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.98.${++signIns % 250}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}
