import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedis, type RedisPort } from '#kernel/redis/create-redis'
import { testServices } from '#test/support/services'
import { createJsonCache } from './json-cache'

const services = testServices()

describe.skipIf(!services.redisUrl)('the two-tier JSON cache on Redis', () => {
  let redis: RedisPort
  const cache = (localTtlMs = 60_000) =>
    createJsonCache(redis.client, { localTtlMs, redisTtlSeconds: 60, maxEntries: 100 })

  beforeAll(async () => {
    redis = await createRedis({ redisUrl: services.redisUrl, keyPrefix: `${services.redisKeyPrefix}json-cache:` })
  })
  afterAll(async () => {
    await redis?.close()
  })

  it('loads once for concurrent misses, then answers from memory', async () => {
    const reader = cache()
    let loads = 0
    const load = async () => {
      loads++
      await new Promise((resolve) => setTimeout(resolve, 20))
      return '{"n":1}'
    }
    const answers = await Promise.all([reader.read('once', load), reader.read('once', load)])
    expect(answers).toEqual(['{"n":1}', '{"n":1}'])
    expect(await reader.read('once', load)).toBe('{"n":1}')
    expect(loads).toBe(1)
  })

  it('never lets a reader that loaded before a change put the old copy back', async () => {
    const reader = cache(1)
    const writer = cache()
    let release!: () => void
    const slowLoad = reader.read('race', () => new Promise<string>((resolve) => (release = () => resolve('{"v":1}'))))
    await new Promise((resolve) => setTimeout(resolve, 10))
    await writer.write({ race: '{"v":2}' })
    release()
    expect(await slowLoad).toBe('{"v":1}') // what it loaded, for this one caller
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(await reader.read('race', async () => '{"v":1}')).toBe('{"v":2}')
  })

  it('remembers that something does not exist, and a writer can say so', async () => {
    const reader = cache()
    let loads = 0
    const missing = async () => {
      loads++
      return undefined
    }
    expect(await reader.read('gone', missing)).toBeUndefined()
    expect(await reader.read('gone', missing)).toBeUndefined()
    expect(loads).toBe(1)
    await reader.write({ there: undefined })
    expect(await cache().read('there', async () => '{"stale":true}')).toBeUndefined()
  })
})
