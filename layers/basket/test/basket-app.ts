import type { AppProcess } from '#scripts/lib/app-process'
import { waitForCatalog } from '#scripts/lib/demo-shop'
import { startShopApp, type ShopApp } from '#test/support/shop-app'

export const BASKET = '/api/v1/basket'

export type BasketApp = ShopApp

/** The shop on real Postgres and Redis (test/support/shop-app.ts), once its demo catalog can be listed. */
export async function startBasketApp(env: Record<string, string> = {}): Promise<BasketApp> {
  const app = await startShopApp({ env })
  await waitForCatalog(app.url)
  return app
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
