import { Redis } from 'ioredis'

// The Redis the shop uses (REDIS_URL) or, without one, the in-memory Redis the shop embeds.
let redis: Promise<Redis> | undefined

async function connect(): Promise<Redis> {
  if (process.env.REDIS_URL) return new Redis(process.env.REDIS_URL)
  const { default: RedisMock } = await import('ioredis-mock')
  return new RedisMock() as unknown as Redis
}

export const useRedis = () => (redis ??= connect())
