import { createHash } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { PlacedOrderDto } from '../../contracts'
import { addressInput } from '../domain/address'
import type { Ordering } from '../ordering'
import { createOrder, KEY_TAKEN, type PricedLine } from './create-order'

export const placeOrderInput = z
  .object({
    shippingAddress: addressInput,
    /** Left out or null: the same as the shipping address. */
    billingAddress: addressInput.nullish(),
    paymentMethod: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'is not a payment method id (pm_…)')
      .meta({ description: "Stripe's payment method id, or a simulated test card's (`pm_card_visa`)." }),
    expectedTotal: z.int().nonnegative().optional().meta({
      description:
        'The total, in minor units, the customer was shown: when the catalog has changed a price since, the order is refused (409) rather than charged differently.',
    }),
  })
  .meta({ id: 'PlaceOrder' })

export type PlaceOrderInput = z.infer<typeof placeOrderInput>

export type PlacedOrder = PlacedOrderDto & { replayed: boolean }

const KEY_REUSED = refuse(
  422,
  'This Idempotency-Key was already used for a different order: send a new key for a new order.',
  { code: 'idempotency-key-reused' },
)

/**
 * Turns the customer's basket into an order: every line priced by the catalog now (never by the
 * client), standard delivery added, then the order saved and its saga started (`createOrder`).
 * With an idempotency key, a retry of the same request answers the order it placed, and the same
 * key with another request is refused; two retries racing each other place one order.
 */
export async function placeOrder(
  ordering: Ordering,
  userId: string,
  input: PlaceOrderInput,
  idempotencyKey?: string,
): Promise<Result<PlacedOrder>> {
  const requestHash = idempotencyKey && createHash('sha256').update(JSON.stringify(input)).digest('base64url')
  if (idempotencyKey) {
    const earlier = await placedEarlier(ordering, userId, idempotencyKey, requestHash!)
    if (earlier) return earlier
  }

  const priced = await pricedBasket(ordering, userId)
  if (!priced.ok) return priced
  const { lines, currency } = priced.value
  const placed = await createOrder(ordering, {
    id: uuidv7(),
    userId,
    currency,
    lines,
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress ?? input.shippingAddress,
    paymentMethod: input.paymentMethod,
    idempotencyKey,
    requestHash,
    expectedTotal: input.expectedTotal,
  })
  if (placed === KEY_TAKEN) return (await placedEarlier(ordering, userId, idempotencyKey!, requestHash!)) ?? placed
  if (!placed.ok) return placed
  return success({ ...placed.value, replayed: false })
}

async function placedEarlier(
  ordering: Ordering,
  userId: string,
  key: string,
  requestHash: string,
): Promise<Result<PlacedOrder> | undefined> {
  const earlier = await ordering.db
    .selectFrom('orders')
    .select(['id', 'number', 'status', 'request_hash'])
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  if (!earlier) return undefined
  if (earlier.request_hash !== requestHash) return KEY_REUSED
  return success({ orderId: earlier.id, orderNumber: earlier.number, status: earlier.status, replayed: true })
}

/** The basket's lines as the catalog prices them now; refused when there is nothing that can be bought. */
async function pricedBasket(
  ordering: Ordering,
  userId: string,
): Promise<Result<{ lines: PricedLine[]; currency: string }>> {
  const basket = await (await ordering.basket()).getBasket(userId)
  if (!basket.lines.length)
    return refuse(422, 'Your cart is empty: add something to it before checking out.', { code: 'empty-basket' })
  const skus = await (await ordering.catalog()).skus(basket.lines.map((line) => line.sku))
  const gone = skus.ok
    ? skus.value
        .filter((sku) => !sku.purchasable)
        .map((sku) => (sku.variantName ? `${sku.name} (${sku.variantName})` : sku.name))
    : basket.lines.filter((line) => !line.available).map((line) => line.name)
  if (!skus.ok || gone.length)
    return refuse(
      409,
      `No longer sold: ${gone.join(', ') || 'an item in your cart'}. Remove it from your cart to check out.`,
      {
        code: 'unavailable',
      },
    )
  const currencies = new Set(skus.value.map((sku) => sku.price.currency))
  if (currencies.size > 1)
    return refuse(409, 'Your cart holds prices in more than one currency: check out one currency at a time.', {
      code: 'mixed-currencies',
    })
  const lines = skus.value.map((sku, i) => ({
    sku: sku.sku,
    productId: sku.productId,
    slug: sku.slug,
    name: sku.name,
    variantName: sku.variantName,
    image: sku.image,
    unitPrice: sku.price.amount,
    quantity: basket.lines[i]!.quantity,
  }))
  return success({ lines, currency: [...currencies][0]! })
}
