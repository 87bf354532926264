import { defineEventHandler, getCookie, readBody } from 'h3'
import { useRedis } from '../lib/redis'

// What a change to a cart cannot do with less (`npm run bench`): a trivial Nitro route that reads
// the cart cookie and a small JSON body, and makes one Redis round trip with it.
export default defineEventHandler(async (event) => {
  const cart = getCookie(event, 'shop-cart') ?? 'none'
  const { sku, quantity } = await readBody<{ sku: string; quantity: number }>(event)
  return { cart, quantity: await (await useRedis()).hincrby(`bench:cart:${cart}`, String(sku), Number(quantity)) }
})
