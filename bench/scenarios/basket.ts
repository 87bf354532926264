import { randomBytes } from 'node:crypto'
import { startApp } from '#scripts/lib/app-process'
import { guestCartCookie, plainSkus } from '#scripts/lib/demo-shop'
import { ensureReferenceBuild, referenceEntry } from '#scripts/lib/production-build'
import { SERVER_CPU, type LoadRequest, type Scenario } from '../harness'
import { demoProductPage } from './catalog'

const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }
const guestId = () => randomBytes(16).toString('base64url')

/** The guest cart cookie's name where the bench app runs (over plain HTTP, no `__Host-` prefix). */
const cartCookieName = async (url: string) => (await guestCartCookie(url, 1)).split('=')[0]!

/** The reference app (bench/reference-nuxt) on the shop's Redis, pinned as the shop is. */
async function referenceApp() {
  await ensureReferenceBuild()
  return startApp({ REDIS_URL: process.env.REDIS_URL }, { entry: referenceEntry, cpu: SERVER_CPU })
}

/**
 * A trivial Nitro route that reads the cart cookie and makes one Redis round trip on the shop's
 * Redis (bench/reference-nuxt): what a cart or a signed-in read cannot do with less.
 */
export const redisRoundTrip: Scenario = {
  name: 'redis-round-trip',
  unit: 'req/s',
  description: 'a trivial Nitro route: read a cookie, one Redis round trip (bench/reference-nuxt)',
  async run({ httpLoad }) {
    const server = await referenceApp()
    try {
      return await httpLoad(`${server.url}/api/redis-round-trip`, server.child.pid!, {
        headers: { cookie: `shop-cart=${guestId()}` },
      })
    } finally {
      await server.stop()
    }
  },
}

/**
 * Requests that each add one of a sku to one of 2,000 carts, rotating over five skus, so no line
 * reaches its limit of 99 within a run.
 */
function rotatingAdds(cookieName: string, skus: readonly string[]) {
  const carts = Array.from({ length: 2_000 }, guestId)
  let request = 0
  return (next: LoadRequest): LoadRequest => {
    const at = request++
    return {
      ...next,
      headers: { ...next.headers, cookie: `${cookieName}=${carts[at % carts.length]}` },
      body: JSON.stringify({ sku: skus[Math.floor(at / carts.length) % skus.length], quantity: 1 }),
    }
  }
}

/**
 * The same trivial route taking a change: a POST whose small JSON body is read and sent to Redis in
 * one round trip. Against redis-round-trip it shows what Nitro alone leaves of the GET reference
 * to a route that reads a body, which caps basket-add's ratio.
 */
export const redisRoundTripPost: Scenario = {
  name: 'redis-round-trip-post',
  unit: 'req/s',
  description: 'a trivial Nitro route: read a cookie and a JSON body, one Redis round trip (bench/reference-nuxt)',
  reference: 'redis-round-trip',
  async run({ httpLoad }) {
    const server = await referenceApp()
    try {
      return await httpLoad(`${server.url}/api/redis-round-trip`, server.child.pid!, {
        method: 'POST',
        headers: json,
        each: rotatingAdds('shop-cart', ['BENCH-1', 'BENCH-2', 'BENCH-3', 'BENCH-4', 'BENCH-5']),
      })
    } finally {
      await server.stop()
    }
  },
}

/** A guest's cart of three lines, each priced by the catalog now (target ≥ 0.80× redis-round-trip). */
export const basketGet: Scenario = {
  name: 'basket-get',
  unit: 'req/s',
  description: "GET /api/v1/basket: a guest's cart of three lines, priced now",
  reference: 'redis-round-trip',
  async run({ app, httpLoad }) {
    const server = await app()
    const cookie = await guestCartCookie(server.url, 3)
    return httpLoad(`${server.url}/api/v1/basket`, server.child.pid!, { headers: { cookie } })
  },
}

/**
 * A guest with a cart cookie adds an item: the catalog's check, one Lua script, the cart priced
 * (target ≥ 0.80× redis-round-trip; redis-round-trip-post shows what Nitro itself leaves of it).
 */
export const basketAdd: Scenario = {
  name: 'basket-add',
  unit: 'req/s',
  description: 'POST /api/v1/basket/items: a guest adds one of a sku',
  reference: 'redis-round-trip',
  async run({ app, httpLoad }) {
    const server = await app()
    const skus = await plainSkus(server.url, 5)
    return httpLoad(`${server.url}/api/v1/basket/items`, server.child.pid!, {
      method: 'POST',
      headers: json,
      each: rotatingAdds(await cartCookieName(server.url), skus),
    })
  },
}

/**
 * The cached product page asked for by a signed-in shopper with a cart: their session and cart
 * cookies ride along, and the page still comes from the cache (ADR 0012; target ≥ 0.90× the
 * anonymous cached page).
 */
export const productPageCachedPersonal: Scenario = {
  name: 'product-page-cached-personal',
  unit: 'req/s',
  description: 'the cached product page, requested with a signed-in shopper’s session and cart cookies',
  reference: 'product-page-cached',
  async run({ app, httpLoad }) {
    const server = await app()
    const registered = await fetch(`${server.url}/api/v1/identity/register`, {
      method: 'POST',
      headers: { ...json, 'x-session': 'cookie', 'x-forwarded-for': `10.77.${Math.floor(Math.random() * 250)}.1` },
      body: JSON.stringify({
        email: `bench-personal-${guestId()}@example.com`,
        password: 'a perfectly fine passphrase',
        firstName: 'Bench',
      }),
    })
    if (registered.status !== 201) throw new Error(`registering: ${registered.status} ${await registered.text()}`)
    const session = registered.headers.getSetCookie().map((cookie) => cookie.slice(0, cookie.indexOf(';')))
    const cart = await guestCartCookie(server.url, 1)
    return httpLoad(await demoProductPage(server.url), server.child.pid!, {
      headers: { cookie: [...session, cart].join('; ') },
    })
  },
}
