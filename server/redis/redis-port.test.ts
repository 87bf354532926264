import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { createRedis, redisKey, type RedisPort } from './create-redis'

const services = testServices()

/** One suite, both adapters: the in-memory emulation must answer like the real server. */
describe.each([
  ['real Redis', services.redisUrl, !services.redisUrl],
  ['embedded ioredis-mock', undefined, false],
] as const)('RedisPort on %s', (_name, redisUrl, unavailable) => {
  let port: RedisPort
  const keyPrefix = `${services.redisKeyPrefix}${redisUrl ? 'real' : 'mock'}:`

  beforeAll(async () => {
    if (!unavailable) port = await createRedis({ redisUrl, keyPrefix })
  })
  afterAll(() => port?.close())

  it.skipIf(unavailable)('stores strings with a time to live', async () => {
    await port.client.set(redisKey('product', 42), '{"name":"Mug"}', 'EX', 3600)
    expect(await port.client.get(redisKey('product', 42))).toBe('{"name":"Mug"}')
    const ttl = await port.client.ttl('product:42')
    expect(ttl).toBeGreaterThan(3590)
    expect(ttl).toBeLessThanOrEqual(3600)
  })

  it.skipIf(unavailable)('keeps carts as hashes', async () => {
    await port.client.hset('cart:u1', { 'sku-1': '2', 'sku-2': '1' })
    await port.client.hincrby('cart:u1', 'sku-1', 3)
    expect(await port.client.hgetall('cart:u1')).toEqual({ 'sku-1': '5', 'sku-2': '1' })
  })

  it.skipIf(unavailable)('counts atomically for rate limits', async () => {
    const key = redisKey('rate-limit', '127.0.0.1', 'login')
    const counts = await Promise.all(Array.from({ length: 20 }, () => port.client.incr(key)))
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })

  it.skipIf(unavailable)('runs MULTI transactions', async () => {
    const results = await port.client.multi().set('blacklist:j1', '1', 'EX', 900).exists('blacklist:j1').exec()
    expect(results?.map(([error, value]) => [error, value])).toEqual([
      [null, 'OK'],
      [null, 1],
    ])
  })

  it.skipIf(unavailable)('delivers pub/sub messages to a duplicated connection', async () => {
    const subscriber = port.duplicate()
    try {
      const received = new Promise<string>((resolve) =>
        subscriber.on('message', (_channel, message) => resolve(message)),
      )
      await subscriber.subscribe('orders:u1')
      await port.client.publish('orders:u1', 'order-paid')
      expect(await received).toBe('order-paid')
    } finally {
      subscriber.disconnect()
    }
  })
})

describe.skipIf(!services.redisUrl)('the run key prefix', () => {
  it('keeps every key of a run under its own prefix on the real server', async () => {
    const port = await createRedis({ redisUrl: services.redisUrl, keyPrefix: services.redisKeyPrefix })
    const raw = new Redis(services.redisUrl!)
    try {
      await port.client.set('session:u1', 'x')
      expect(await raw.get(`${services.redisKeyPrefix}session:u1`)).toBe('x')
      expect(await raw.exists('session:u1')).toBe(0)
    } finally {
      await port.close()
      await raw.quit()
    }
  })
})
