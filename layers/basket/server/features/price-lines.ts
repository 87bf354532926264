import type { SkuSnapshot } from '#layers/catalog/contracts'
import type { BasketDto } from '../../contracts'
import type { Basket } from '../basket'
import type { CartLine } from '../domain/cart-line'
import { pricedBasket } from '../domain/priced-basket'

/** The catalog's current snapshot of each sku it still knows (a sku it forgot is left out, not an error). */
async function snapshotsOf(basket: Basket, skus: string[]): Promise<Map<string, SkuSnapshot>> {
  const catalog = await basket.catalog()
  let found = await catalog.skus(skus)
  if (!found.ok && found.status === 404) {
    const unknown = new Set(found.errors?.map((error) => error.field))
    found = await catalog.skus(skus.filter((_, index) => !unknown.has(`skus.${index}`)))
  }
  // The cart holds only skus the catalog accepted when they were added: anything else is a fault.
  if (!found.ok) throw new Error(`the catalog refused a cart's skus: ${found.detail}`)
  return new Map(found.value.map((snapshot) => [snapshot.sku, snapshot]))
}

/** A cart's lines as the shopper sees them: priced by the catalog now. */
export async function priceLines(basket: Basket, lines: CartLine[]): Promise<BasketDto> {
  const snapshots = lines.length
    ? await snapshotsOf(
        basket,
        lines.map((line) => line.sku),
      )
    : new Map()
  return pricedBasket(lines, snapshots)
}
