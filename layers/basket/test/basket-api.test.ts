import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, type Client } from '#test/support/http-client'
import { testServices } from '#test/support/services'
import { CART_TTL_SECONDS, MAX_LINES, type BasketDto } from '../contracts'
import { BASKET, demoSkus, startBasketApp, type BasketApp } from './basket-app'

const services = testServices()
const GUEST_COOKIE = '__Host-shop-cart'

/** A shopper's browser: cookies kept, same-site fetch headers, the CSRF token echoed once signed in. */
const browser = (app: BasketApp) => client(app, { browser: true })

const basketOf = async (shopper: Client) => (await (await shopper.request('GET', BASKET)).json()) as BasketDto
const guestId = (shopper: Client) => shopper.jar.get(GUEST_COOKIE)

describe.skipIf(!services.databaseUrl || !services.redisUrl)('the basket API on real Redis', () => {
  let app: BasketApp
  let redis: Redis
  let skus: Awaited<ReturnType<typeof demoSkus>>
  const plainSku = (index: number) => skus.plain[index]!.sku
  const cartKey = (id: string) => `cart:${id}`

  beforeAll(async () => {
    app = await startBasketApp()
    redis = new Redis(services.redisUrl!, { keyPrefix: services.redisKeyPrefix })
    skus = await demoSkus(app)
  })
  afterAll(async () => {
    redis?.disconnect()
    await app?.close()
  })

  it('gives a first visit an empty cart, and no cookie', async () => {
    const shopper = browser(app)
    const response = await shopper.request('GET', BASKET)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.getSetCookie()).toEqual([])
    expect(await response.json()).toEqual({ lines: [], itemCount: 0, totals: [] })
  })

  it("starts a guest's cart with the first item: a random id in an httpOnly, Secure, SameSite=Lax cookie", async () => {
    const shopper = browser(app)
    const product = skus.plain[0]!
    const response = await shopper.request('POST', `${BASKET}/items`, { body: { sku: product.sku, quantity: 2 } })
    expect(response.status).toBe(200)
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${GUEST_COOKIE}=`))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Secure/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(new RegExp(`Max-Age=${CART_TTL_SECONDS}`))
    expect(guestId(shopper)).toMatch(/^[A-Za-z0-9_-]{22}$/) // 128 random bits
    const basket = (await response.json()) as BasketDto
    expect(basket.lines).toEqual([
      expect.objectContaining({
        sku: product.sku,
        slug: product.slug,
        quantity: 2,
        unitPrice: product.price,
        addedPrice: product.price,
        priceChanged: false,
        lineTotal: { amount: product.price.amount * 2, currency: product.price.currency },
        available: true,
      }),
    ])
    expect(basket.itemCount).toBe(2)
    expect(basket.totals).toEqual([{ amount: product.price.amount * 2, currency: product.price.currency }])
    expect(await basketOf(shopper)).toEqual(basket)
  })

  it('makes fifty parallel adds of one line exactly fifty', async () => {
    const shopper = browser(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(1), quantity: 1 } })
    const adds = await Promise.all(
      Array.from({ length: 49 }, () =>
        shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(1), quantity: 1 } }),
      ),
    )
    expect(adds.map((response) => response.status)).toEqual(Array(49).fill(200))
    const basket = await basketOf(shopper)
    expect(basket.lines.map((line) => [line.sku, line.quantity])).toEqual([[plainSku(1), 50]])
  })

  it('keeps a cart seven days from its last change', async () => {
    const shopper = browser(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(0) } })
    const key = cartKey(guestId(shopper)!)
    await redis.expire(key, 60) // as if the week had nearly run out
    await shopper.request('PATCH', `${BASKET}/items/${plainSku(0)}`, { body: { quantity: 3 } })
    expect(await redis.ttl(key)).toBeGreaterThan(CART_TTL_SECONDS - 5)
    await redis.expire(key, 60)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(2) } })
    expect(await redis.ttl(key)).toBeGreaterThan(CART_TTL_SECONDS - 5)
  })

  it('refuses every bad input with a 4xx problem and leaves the cart as it was', async () => {
    const shopper = browser(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(0), quantity: 98 } })
    const before = await redis.hgetall(cartKey(guestId(shopper)!))
    const variantParent = skus.withVariants.sku
    const attempts: [string, string, unknown, number][] = [
      ['POST', `${BASKET}/items`, { sku: 'not a sku', quantity: 1 }, 400],
      ['POST', `${BASKET}/items`, { sku: 'NO-SUCH-SKU-1', quantity: 1 }, 404],
      ['POST', `${BASKET}/items`, { sku: variantParent, quantity: 1 }, 422],
      ['POST', `${BASKET}/items`, { sku: plainSku(1), quantity: 0 }, 400],
      ['POST', `${BASKET}/items`, { sku: plainSku(1), quantity: 100 }, 400],
      ['POST', `${BASKET}/items`, { sku: plainSku(1), quantity: 1.5 }, 400],
      ['POST', `${BASKET}/items`, { sku: plainSku(1), quantity: '2' }, 400],
      ['POST', `${BASKET}/items`, { sku: plainSku(0), quantity: 2 }, 422], // 98 + 2 > 99
      ['PATCH', `${BASKET}/items/${plainSku(0)}`, { quantity: 100 }, 400],
      ['PATCH', `${BASKET}/items/${plainSku(0)}`, { quantity: -1 }, 400],
      ['PATCH', `${BASKET}/items/${plainSku(2)}`, { quantity: 1 }, 404],
      ['PATCH', `${BASKET}/items/bad%20sku`, { quantity: 1 }, 400],
      ['DELETE', `${BASKET}/items/${plainSku(2)}`, undefined, 404],
    ]
    for (const [method, path, body, status] of attempts) {
      const response = await shopper.request(method, path, body === undefined ? {} : { body })
      expect([method, path, body, response.status]).toEqual([method, path, body, status])
      expect(response.headers.get('content-type')).toBe('application/problem+json')
    }
    expect(await redis.hgetall(cartKey(guestId(shopper)!))).toEqual(before)
  })

  it(`holds at most ${MAX_LINES} lines: the next is a 409 that changes nothing`, async () => {
    const shopper = browser(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(0) } })
    const key = cartKey(guestId(shopper)!)
    const filler = Object.fromEntries(
      Array.from({ length: MAX_LINES - 1 }, (_, index) => [`FILLER-${index}`, `1|100|EUR|${Date.now()}`]),
    )
    await redis.hset(key, filler)
    const before = await redis.hgetall(key)
    const response = await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(1) } })
    expect(response.status).toBe(409)
    expect((await response.json()).code).toBe('cart-full')
    expect(await redis.hgetall(key)).toEqual(before)
  })

  it('sets, removes and empties, and flags a price that changed since it was added', async () => {
    const shopper = browser(app)
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(0) } })
    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(1) } })
    const changed = await shopper.request('PATCH', `${BASKET}/items/${plainSku(0)}`, { body: { quantity: 4 } })
    expect(((await changed.json()) as BasketDto).lines.map((line) => [line.sku, line.quantity])).toEqual([
      [plainSku(0), 4],
      [plainSku(1), 1],
    ])

    // As if the catalog's price had changed since the shopper added the line.
    const key = cartKey(guestId(shopper)!)
    const [quantity, , currency, addedAt] = (await redis.hget(key, plainSku(1)))!.split('|')
    await redis.hset(key, plainSku(1), `${quantity}|1|${currency}|${addedAt}`)
    const line = (await basketOf(shopper)).lines.find((entry) => entry.sku === plainSku(1))!
    expect(line).toMatchObject({ priceChanged: true, addedPrice: { amount: 1 }, unitPrice: skus.plain[1]!.price })

    expect((await shopper.request('DELETE', `${BASKET}/items/${plainSku(1)}`)).status).toBe(204)
    const zero = await shopper.request('PATCH', `${BASKET}/items/${plainSku(0)}`, { body: { quantity: 0 } })
    expect(((await zero.json()) as BasketDto).lines).toEqual([])

    await shopper.request('POST', `${BASKET}/items`, { body: { sku: plainSku(0) } })
    const emptied = await shopper.request('DELETE', BASKET)
    expect(emptied.status).toBe(204)
    expect(guestId(shopper)).toBeUndefined()
    expect(await redis.exists(key)).toBe(0)
  })

  it('answers the cart page’s forms posted without JavaScript with a redirect to /cart', async () => {
    const shopper = client(app)
    const form = (path: string, fields: Record<string, string>, cookie?: string) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'x-forwarded-for': shopper.ip,
          ...(cookie ? { cookie } : {}),
        },
        body: new URLSearchParams(fields),
      })
    const added = await form(`${BASKET}/items`, { sku: plainSku(0), quantity: '3' })
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe('/cart')
    const cookie = added.headers.getSetCookie()[0]!.split(';')[0]!
    const id = cookie.split('=')[1]!
    expect(await redis.hget(cartKey(id), plainSku(0))).toMatch(/^3\|/)

    const set = await form(`${BASKET}/quantities`, { sku: plainSku(0), quantity: '5' }, cookie)
    expect(set.headers.get('location')).toBe('/cart')
    expect(await redis.hget(cartKey(id), plainSku(0))).toMatch(/^5\|/)

    const refused = await form(`${BASKET}/quantities`, { sku: plainSku(0), quantity: 'lots' }, cookie)
    expect(refused.headers.get('location')).toBe('/cart?error=invalid-quantity')
    const removed = await form(`${BASKET}/quantities`, { sku: plainSku(0), quantity: '0' }, cookie)
    expect(removed.headers.get('location')).toBe('/cart')
    expect(await redis.exists(cartKey(id))).toBe(0)
  })
})
