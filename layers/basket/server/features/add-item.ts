import { refuse, success, type Result } from '#kernel/contracts/result'
import type { SkuSnapshot } from '#layers/catalog/contracts'
import { MAX_LINE_QUANTITY, MAX_LINES, type BasketDto } from '../../contracts'
import type { Basket } from '../basket'
import { priceLines } from './price-lines'

const displayName = (snapshot: SkuSnapshot) =>
  snapshot.variantName ? `${snapshot.name} (${snapshot.variantName})` : snapshot.name

/** Why a sku the catalog knows cannot go in a cart. */
function notForSale(snapshot: SkuSnapshot) {
  const chooseVariant = snapshot.status === 'active'
  return refuse(
    422,
    chooseVariant
      ? `Choose a size or colour of ${snapshot.name} first.`
      : `${displayName(snapshot)} is no longer sold.`,
    {
      code: chooseVariant ? 'choose-variant' : 'not-for-sale',
      errors: [{ field: 'sku', message: chooseVariant ? 'names a product sold in variants' : 'is not for sale' }],
    },
  )
}

/**
 * Adds `quantity` of a sku to the cart, at the catalog's price now (kept with the line, so the cart
 * can say when it changes). Nothing changes when the sku is unknown or not for sale, or when the
 * line or the cart would pass its limit.
 */
export async function addItem(
  basket: Basket,
  cartId: string,
  input: { sku: string; quantity: number },
): Promise<Result<BasketDto>> {
  const found = await (await basket.catalog()).skus([input.sku])
  if (!found.ok)
    return found.status === 404
      ? refuse(404, `No product or variant has the sku ${input.sku}.`, {
          code: 'unknown-sku',
          errors: [{ field: 'sku', message: 'is not in the catalog' }],
        })
      : found
  const snapshot = found.value[0]!
  if (!snapshot.purchasable) return notForSale(snapshot)

  const { outcome, lines } = await basket.carts.add(cartId, snapshot.sku, input.quantity, snapshot.price)
  if (outcome === 'too-many-lines')
    return refuse(409, `A cart holds at most ${MAX_LINES} different items. Remove one to add another.`, {
      code: 'cart-full',
    })
  if (outcome === 'too-many-of-one')
    return refuse(422, `A cart holds at most ${MAX_LINE_QUANTITY} of ${displayName(snapshot)}.`, {
      code: 'line-full',
      errors: [{ field: 'quantity', message: `would make more than ${MAX_LINE_QUANTITY} in the cart` }],
    })
  return success(await priceLines(basket, lines))
}
