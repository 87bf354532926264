import { defineEventHandler, getCookie } from 'h3'
import { Redis } from 'ioredis'

// The reference for the shop's signed-in and cart reads (`npm run bench`): a trivial Nitro route
// that reads the cart cookie and makes one Redis round trip, on the Redis the shop uses (REDIS_URL)
// or, without one, the in-memory Redis the shop embeds.
let redis: Promise<Redis> | undefined

async function connect(): Promise<Redis> {
  if (process.env.REDIS_URL) return new Redis(process.env.REDIS_URL)
  const { default: RedisMock } = await import('ioredis-mock')
  return new RedisMock() as unknown as Redis
}

export default defineEventHandler(async (event) => {
  redis ??= connect()
  const cart = getCookie(event, 'shop-cart') ?? 'none'
  return { cart, lines: await (await redis).hlen(`bench:cart:${cart}`) }
})
