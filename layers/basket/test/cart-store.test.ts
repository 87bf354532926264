import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedis, type RedisPort } from '#kernel/redis/create-redis'
import { testServices } from '#test/support/services'
import { CART_TTL_SECONDS } from '../contracts'
import { cartStore, type CartStore } from '../server/infrastructure/cart-store'

const services = testServices()
const PRICE = { amount: 1500, currency: 'EUR' }

/** The cart's scripts on both adapters: the in-memory emulation must run them as the server does. */
describe.each([
  ['real Redis', services.redisUrl, !services.redisUrl],
  ['embedded ioredis-mock', undefined, false],
] as const)('a paid order leaving the cart, on %s', (_name, redisUrl, unavailable) => {
  let port: RedisPort
  let carts: CartStore

  beforeAll(async () => {
    if (unavailable) return
    port = await createRedis({ redisUrl, keyPrefix: `${services.redisKeyPrefix}cart-store:` })
    carts = cartStore(port.client)
  })
  afterAll(() => port?.close())

  const quantities = async (cartId: string) =>
    Object.fromEntries((await carts.read(cartId)).map((line) => [line.sku, line.quantity]))

  it.skipIf(unavailable)('takes out what was ordered and keeps what was added since', async () => {
    const cartId = randomUUID()
    await carts.add(cartId, 'MUG', 1, PRICE)
    await carts.add(cartId, 'TEE', 2, PRICE)
    const orderId = randomUUID()
    // After checking out, the shopper adds another mug and a cap before the payment lands.
    await carts.add(cartId, 'MUG', 1, PRICE)
    await carts.add(cartId, 'CAP', 1, PRICE)

    expect(
      await carts.removeOrdered(cartId, orderId, [
        { sku: 'MUG', quantity: 1 },
        { sku: 'TEE', quantity: 2 },
      ]),
    ).toBe(true)
    expect(await quantities(cartId)).toEqual({ MUG: 1, CAP: 1 })
  })

  it.skipIf(unavailable)('takes an order out once, however often its payment is delivered', async () => {
    const cartId = randomUUID()
    await carts.add(cartId, 'MUG', 3, PRICE)
    const orderId = randomUUID()
    const lines = [{ sku: 'MUG', quantity: 1 }]
    const taken = await Promise.all([1, 2, 3].map(() => carts.removeOrdered(cartId, orderId, lines)))
    expect(taken.filter(Boolean)).toHaveLength(1)
    expect(await quantities(cartId)).toEqual({ MUG: 2 })
    // Another order of the same line is another taking out.
    expect(await carts.removeOrdered(cartId, randomUUID(), lines)).toBe(true)
    expect(await quantities(cartId)).toEqual({ MUG: 1 })
  })

  it.skipIf(unavailable)(
    'leaves a cart emptied meanwhile empty, and marks the order as long as a cart lasts',
    async () => {
      const cartId = randomUUID()
      const orderId = randomUUID()
      expect(await carts.removeOrdered(cartId, orderId, [{ sku: 'MUG', quantity: 2 }])).toBe(true)
      expect(await carts.read(cartId)).toEqual([])
      const ttl = await port.client.ttl(`cart:${cartId}:ordered:${orderId}`)
      expect(ttl).toBeGreaterThan(CART_TTL_SECONDS - 10)
      expect(ttl).toBeLessThanOrEqual(CART_TTL_SECONDS)
    },
  )
})
