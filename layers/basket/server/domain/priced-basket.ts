import type { Money, SkuSnapshot } from '#layers/catalog/contracts'
import type { BasketDto, BasketLineDto } from '../../contracts'
import type { CartLine } from './cart-line'

const times = (price: Money, quantity: number): Money => ({ amount: price.amount * quantity, currency: price.currency })

/**
 * The basket a shopper sees: each line at the catalog's price now, flagged when that differs from
 * the price seen when adding it, and totals per currency of what can still be bought. A line whose
 * sku the catalog no longer knows has no name or price to show and is left out.
 */
export function pricedBasket(lines: readonly CartLine[], snapshots: ReadonlyMap<string, SkuSnapshot>): BasketDto {
  const priced: BasketLineDto[] = lines.flatMap((line) => {
    const snapshot = snapshots.get(line.sku)
    if (!snapshot) return []
    return {
      sku: line.sku,
      productId: snapshot.productId,
      slug: snapshot.slug,
      name: snapshot.name,
      variantName: snapshot.variantName,
      image: snapshot.image,
      quantity: line.quantity,
      unitPrice: snapshot.price,
      addedPrice: line.addedPrice,
      priceChanged:
        snapshot.price.amount !== line.addedPrice.amount || snapshot.price.currency !== line.addedPrice.currency,
      lineTotal: times(snapshot.price, line.quantity),
      available: snapshot.purchasable,
    }
  })
  const totals = new Map<string, number>()
  let itemCount = 0
  for (const line of priced) {
    if (!line.available) continue
    itemCount += line.quantity
    totals.set(line.lineTotal.currency, (totals.get(line.lineTotal.currency) ?? 0) + line.lineTotal.amount)
  }
  return {
    lines: priced,
    itemCount,
    totals: [...totals].map(([currency, amount]) => ({ amount, currency })),
  }
}
