import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApp, type AppProcess } from '#scripts/lib/app-process'
import { waitForCatalog } from '#scripts/lib/demo-shop'
import { testJwks } from '#test/support/auth-keys'
import { testServices } from '#test/support/services'

export const BASKET = '/api/v1/basket'
export const PUBLIC_URL = 'https://shop.test'

export interface BasketApp extends AppProcess {
  close(): Promise<void>
}

/** The production server on real Postgres and Redis and the embedded demo catalog, served as if at https://shop.test. */
export async function startBasketApp(env: Record<string, string> = {}): Promise<BasketApp> {
  const services = testServices()
  const dataDir = await mkdtemp(join(tmpdir(), 'shop-basket-app-'))
  const app = await startApp({
    DATA_DIR: dataDir,
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    REDIS_KEY_PREFIX: services.redisKeyPrefix,
    CATALOG_DATABASE: `basket_app_${services.runId}`,
    PUBLIC_URL,
    TRUST_PROXY_HOPS: '1',
    AUTH_JWKS: await testJwks(),
    ...env,
  })
  await waitForCatalog(app.url)
  return {
    ...app,
    async close() {
      await app.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

interface ProductJson {
  sku: string
  slug: string
  price: { amount: number; currency: string }
  variants: { sku: string; name: string; priceModifier?: number }[]
}

/** Demo products to fill carts with: one sold as itself, one sold in variants. */
export async function demoSkus(app: AppProcess) {
  const products: ProductJson[] = []
  for (const category of ['electronics', 'clothing']) {
    const listing = (await (
      await fetch(`${app.url}/api/v1/catalog/products?category=${category}&pageSize=24`)
    ).json()) as {
      items: { slug: string }[]
    }
    for (const { slug } of listing.items)
      products.push((await (await fetch(`${app.url}/api/v1/catalog/products/${slug}`)).json()) as ProductJson)
  }
  const plain = products.filter((product) => product.variants.length === 0)
  const withVariants = products.find((product) => product.variants.length > 1)
  if (plain.length < 3 || !withVariants) throw new Error('the demo catalog lacks plain products or variants')
  return { plain, withVariants }
}
