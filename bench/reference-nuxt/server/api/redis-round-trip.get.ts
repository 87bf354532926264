import { defineEventHandler, getCookie } from 'h3'
import { useRedis } from '../lib/redis'

// The reference for the shop's signed-in and cart reads (`npm run bench`): a trivial Nitro route
// that reads the cart cookie and makes one Redis round trip.
export default defineEventHandler(async (event) => {
  const cart = getCookie(event, 'shop-cart') ?? 'none'
  return { cart, lines: await (await useRedis()).hlen(`bench:cart:${cart}`) }
})
