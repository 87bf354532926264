import type { Redis } from 'ioredis'
import type { Money } from '#layers/catalog/contracts'
import { redisKey } from '#kernel/redis/create-redis'
import { CART_TTL_SECONDS, MAX_LINE_QUANTITY, MAX_LINES } from '../../contracts'
import { decodeCart, encodeLineRest, type CartLine } from '../domain/cart-line'

/*
 * Each change is one Lua script: Redis runs it alone, so fifty parallel adds of a line make fifty
 * and a limit is checked against what is there, not what was read a moment before. Each answers
 * with the cart as the change left it, so a change and the view after it cost one round trip.
 * A line's value starts with its quantity (`domain/cart-line.ts`): the scripts touch only that.
 */

const ADD = `
local key, sku, quantity, rest = KEYS[1], ARGV[1], tonumber(ARGV[2]), ARGV[3]
local maxQuantity, maxLines, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local current = redis.call('HGET', key, sku)
local status = 0
if current then
  local have, tail = string.match(current, '^(%d+)|(.*)$')
  local total = tonumber(have) + quantity
  if total > maxQuantity then status = 2 else redis.call('HSET', key, sku, string.format('%d|%s', total, tail)) end
elseif redis.call('HLEN', key) >= maxLines then
  status = 1
else
  redis.call('HSET', key, sku, string.format('%d|%s', quantity, rest))
end
if status == 0 then redis.call('EXPIRE', key, ttl) end
return {status, redis.call('HGETALL', key)}
`

const SET = `
local key, sku, quantity, ttl = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local current = redis.call('HGET', key, sku)
if not current then return {3, redis.call('HGETALL', key)} end
if quantity == 0 then
  redis.call('HDEL', key, sku)
else
  local tail = string.match(current, '^%d+|(.*)$')
  redis.call('HSET', key, sku, string.format('%d|%s', quantity, tail))
end
if redis.call('EXISTS', key) == 1 then redis.call('EXPIRE', key, ttl) end
return {0, redis.call('HGETALL', key)}
`

// The guest's lines join the customer's: quantities add up to the line limit, the customer's price
// seen stays, new lines join while there is room. The guest's cart is gone in the same step, so a
// second sign-in racing this one finds nothing left to add.
const MERGE = `
local guest, customer = KEYS[1], KEYS[2]
local maxQuantity, maxLines, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local lines = redis.call('HGETALL', guest)
local moved, dropped = 0, 0
for i = 1, #lines, 2 do
  local sku, value = lines[i], lines[i + 1]
  local quantity = tonumber(string.match(value, '^(%d+)|'))
  local current = redis.call('HGET', customer, sku)
  if current then
    local have, tail = string.match(current, '^(%d+)|(.*)$')
    redis.call('HSET', customer, sku, string.format('%d|%s', math.min(maxQuantity, tonumber(have) + quantity), tail))
    moved = moved + 1
  elseif redis.call('HLEN', customer) < maxLines then
    redis.call('HSET', customer, sku, value)
    moved = moved + 1
  else
    dropped = dropped + 1
  end
end
redis.call('DEL', guest)
if redis.call('EXISTS', customer) == 1 then redis.call('EXPIRE', customer, ttl) end
return {moved, dropped}
`

// A paid order's lines leave the cart: each line less what was ordered, gone at nothing, so what
// the shopper added since stays. The order's mark, set in the same step, makes a second delivery
// of the payment a no-op; it lasts as long as an untouched cart.
const REMOVE_ORDERED = `
local cart, mark, ttl = KEYS[1], KEYS[2], tonumber(ARGV[1])
if not redis.call('SET', mark, '1', 'NX', 'EX', ttl) then return 0 end
for i = 2, #ARGV, 2 do
  local sku, ordered = ARGV[i], tonumber(ARGV[i + 1])
  local current = redis.call('HGET', cart, sku)
  if current then
    local have, tail = string.match(current, '^(%d+)|(.*)$')
    local left = tonumber(have) - ordered
    if left > 0 then redis.call('HSET', cart, sku, string.format('%d|%s', left, tail)) else redis.call('HDEL', cart, sku) end
  end
end
return 1
`

const COMMANDS = {
  basketAdd: ADD,
  basketSet: SET,
  basketMerge: MERGE,
  basketRemoveOrdered: REMOVE_ORDERED,
} as const
const TWO_KEYS = new Set<string>(['basketMerge', 'basketRemoveOrdered'])
type Script = (...args: (string | number)[]) => Promise<unknown>

export type AddOutcome = 'added' | 'too-many-lines' | 'too-many-of-one'

export interface CartStore {
  read(cartId: string): Promise<CartLine[]>
  /** Adds to the line (or starts it at `price`), within the limits: the outcome and the cart after it. */
  add(cartId: string, sku: string, quantity: number, price: Money): Promise<{ outcome: AddOutcome; lines: CartLine[] }>
  /** Sets a line's quantity, 0 removing it: whether the line was there, and the cart after it. */
  setQuantity(cartId: string, sku: string, quantity: number): Promise<{ found: boolean; lines: CartLine[] }>
  clear(cartId: string): Promise<void>
  /** Takes an order's lines out of the cart, once per order: false when this order's were taken out before. */
  removeOrdered(cartId: string, orderId: string, lines: readonly OrderedLine[]): Promise<boolean>
  /** Moves a guest's lines into a customer's cart and deletes the guest's: lines moved, and left out for want of room. */
  merge(guestId: string, customerId: string): Promise<{ moved: number; dropped: number }>
}

export interface OrderedLine {
  sku: string
  quantity: number
}

export const cartKey = (cartId: string) => redisKey('cart', cartId)
const orderedMark = (cartId: string, orderId: string) => redisKey('cart', cartId, 'ordered', orderId)

/** A flat HGETALL reply, as Lua hands it back, into a hash. */
function hashOf(flat: unknown): Record<string, string> {
  const values = flat as string[]
  const hash: Record<string, string> = {}
  for (let at = 0; at + 1 < values.length; at += 2) hash[values[at]!] = values[at + 1]!
  return hash
}

export function cartStore(redis: Redis): CartStore {
  for (const [name, lua] of Object.entries(COMMANDS))
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: TWO_KEYS.has(name) ? 2 : 1, lua })
  const script = (name: keyof typeof COMMANDS) => (redis as unknown as Record<string, Script>)[name]!.bind(redis)
  const [add, set, merge, removeOrdered] = [
    script('basketAdd'),
    script('basketSet'),
    script('basketMerge'),
    script('basketRemoveOrdered'),
  ]

  return {
    async read(cartId) {
      return decodeCart(await redis.hgetall(cartKey(cartId)))
    },
    async add(cartId, sku, quantity, price) {
      const rest = encodeLineRest(price, Date.now())
      const [status, flat] = (await add(
        cartKey(cartId),
        sku,
        quantity,
        rest,
        MAX_LINE_QUANTITY,
        MAX_LINES,
        CART_TTL_SECONDS,
      )) as [number, unknown]
      const outcome: AddOutcome = status === 0 ? 'added' : status === 1 ? 'too-many-lines' : 'too-many-of-one'
      return { outcome, lines: decodeCart(hashOf(flat)) }
    },
    async setQuantity(cartId, sku, quantity) {
      const [status, flat] = (await set(cartKey(cartId), sku, quantity, CART_TTL_SECONDS)) as [number, unknown]
      return { found: status === 0, lines: decodeCart(hashOf(flat)) }
    },
    async clear(cartId) {
      await redis.del(cartKey(cartId))
    },
    async removeOrdered(cartId, orderId, lines) {
      const taken = await removeOrdered(
        cartKey(cartId),
        orderedMark(cartId, orderId),
        CART_TTL_SECONDS,
        ...lines.flatMap((line) => [line.sku, line.quantity]),
      )
      return taken === 1
    },
    async merge(guestId, customerId) {
      const [moved, dropped] = (await merge(
        cartKey(guestId),
        cartKey(customerId),
        MAX_LINE_QUANTITY,
        MAX_LINES,
        CART_TTL_SECONDS,
      )) as [number, number]
      return { moved, dropped }
    },
  }
}
