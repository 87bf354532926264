import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { envNameOf, InvalidSettingsError, parseSettings, settingsSchema } from './settings'

const problemsOf = (raw: Record<string, unknown>) => {
  try {
    parseSettings(raw)
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems
    throw error
  }
  return []
}

describe('parseSettings', () => {
  it('uses the embedded defaults when nothing is configured', () => {
    expect(parseSettings({ databaseUrl: '', redisUrl: '', mongodbUrl: '', amqpUrl: '' })).toEqual({
      databaseUrl: undefined,
      redisUrl: undefined,
      redisKeyPrefix: '',
      mongodbUrl: undefined,
      amqpUrl: undefined,
      busPrefix: 'shop',
      publicUrl: 'http://localhost:3000',
      trustProxyHops: 0,
      dataDir: '.data',
      logLevel: 'info',
      maxBodyBytes: 1_048_576,
    })
  })

  it('treats an empty variable as unset, and drops a trailing slash from PUBLIC_URL', () => {
    expect(parseSettings({ busPrefix: '', publicUrl: 'https://shop.example/' })).toMatchObject({
      busPrefix: 'shop',
      publicUrl: 'https://shop.example',
    })
  })

  it('accepts real service URLs', () => {
    const settings = parseSettings({
      databaseUrl: 'postgres://shop@db:5432/shop',
      redisUrl: 'rediss://cache:6380',
      mongodbUrl: 'mongodb+srv://catalog.example.net/catalog',
      amqpUrl: 'amqps://user:pass@broker/vhost',
      maxBodyBytes: '65536',
    })
    expect(settings).toMatchObject({ databaseUrl: 'postgres://shop@db:5432/shop', maxBodyBytes: 65_536 })
  })

  it.each([
    [{ databaseUrl: 'nonsense' }, 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    [{ amqpUrl: 'http://x' }, 'AMQP_URL must be a URL starting with amqp:// or amqps://'],
    [{ redisUrl: 'localhost:6379' }, 'REDIS_URL must be a URL starting with redis:// or rediss://'],
    [{ mongodbUrl: 'postgres://x' }, 'MONGODB_URL must be a URL starting with mongodb:// or mongodb+srv://'],
    [{ logLevel: 'loud' }, 'LOG_LEVEL'],
    [{ maxBodyBytes: 'big' }, 'MAX_BODY_BYTES'],
    [{ maxBodyBytes: 10 }, 'MAX_BODY_BYTES must be at least 1024 bytes'],
    [{ redisKeyPrefix: 'Shop' }, 'REDIS_KEY_PREFIX'],
    [{ publicUrl: 'shop.example' }, 'PUBLIC_URL must be a URL starting with http:// or https://'],
    [{ trustProxyHops: -1 }, 'TRUST_PROXY_HOPS'],
  ])('names the variable and what is wrong: %j', (raw, message) => {
    const problems = problemsOf(raw)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(message)
  })

  it('reports every bad variable in one message', () => {
    expect(problemsOf({ databaseUrl: 'nonsense', amqpUrl: 'http://x' })).toHaveLength(2)
  })
})

describe('.env.example', () => {
  const example = readFileSync(resolve(import.meta.dirname, '../../.env.example'), 'utf8')

  it.each(Object.keys(settingsSchema.shape).map(envNameOf))('documents %s', (name) => {
    expect(example).toMatch(new RegExp(`^${name}=`, 'm'))
  })
})
