import { Redis } from 'ioredis'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { liveHub, type LiveConnection, type LiveHub } from './live-hub'

const services = testServices()
const quiet = pino({ level: 'silent' })

/** A connection that records what it was sent and how it was closed. */
function connection(userId: string, sessionId = 'session-1', live = () => true) {
  const sent: unknown[] = []
  let closed: { code: number; reason: string } | undefined
  const self: LiveConnection & { sent: unknown[]; closed: () => typeof closed } = {
    id: crypto.randomUUID(),
    userId,
    sessionId,
    stillLive: async () => live(),
    send: (text) => void sent.push(JSON.parse(text)),
    close: (code, reason) => void (closed = { code, reason }),
    sent,
    closed: () => closed,
  }
  return self
}

describe.skipIf(!services.redisUrl)('the live hub on Redis', () => {
  const clients: Redis[] = []
  const hubs: LiveHub[] = []
  const channel = `${services.redisKeyPrefix}notification:live:hub-test`
  /** One instance's hub: its own connections to Redis, as each app has. */
  const instance = (heartbeatMs?: number) => {
    const redis = new Redis(services.redisUrl!, { keyPrefix: services.redisKeyPrefix })
    const subscriber = redis.duplicate()
    clients.push(redis)
    const hub = liveHub(redis, subscriber, channel, quiet, { heartbeatMs })
    hubs.push(hub)
    return hub
  }
  let redis: Redis
  beforeAll(() => {
    redis = new Redis(services.redisUrl!, { keyPrefix: services.redisKeyPrefix })
  })
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()))
    await Promise.all([...clients, redis].map((client) => client.quit()))
  })

  it('keeps what arrives while nobody is connected, and gives it to the next connection once, in order', async () => {
    const [one, other] = [instance(), instance()]
    const userId = crypto.randomUUID()
    for (const n of [1, 2, 3]) expect(await one.deliver(userId, { n })).toBe('kept')

    const first = connection(userId)
    await other.connect(first)
    expect(first.sent).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    const second = connection(userId)
    await one.connect(second)
    expect(second.sent).toEqual([])

    // Now both instances' sockets of the user hear what is new, and nobody keeps it.
    expect(await one.deliver(userId, { n: 4 })).toBe('live')
    await expect.poll(() => [first.sent.length, second.sent.length]).toEqual([4, 1])
    await other.disconnect(first)
    await one.disconnect(second)
    expect(await one.deliver(userId, { n: 5 })).toBe('kept')
  })

  it('keeps messages for a user whose only registration lapsed with an instance that died', async () => {
    const hub = instance()
    const userId = crypto.randomUUID()
    const registry = `notification:connections:${userId}`
    await redis.zadd(registry, Date.now() + 60_000, 'a-connection-of-another-instance')
    expect(await hub.deliver(userId, { n: 1 })).toBe('live')
    // That instance died: its heartbeat stopped, and its registration's time ran out.
    await redis.zadd(registry, Date.now() - 1, 'a-connection-of-another-instance')
    expect(await hub.deliver(userId, { n: 2 })).toBe('kept')
    const next = connection(userId)
    await hub.connect(next)
    expect(next.sent).toEqual([{ n: 2 }])
  })

  it('closes the sockets of one session, or of all but one, on every instance', async () => {
    const [one, other] = [instance(), instance()]
    const userId = crypto.randomUUID()
    const [a, b, c] = [connection(userId, 'a'), connection(userId, 'b'), connection(userId, 'c')]
    await one.connect(a)
    await other.connect(b)
    await other.connect(c)
    await one.endSessions(userId, 'b')
    await expect.poll(() => b.closed()).toEqual({ code: 4401, reason: 'The session has ended.' })
    expect([a.closed(), c.closed()]).toEqual([undefined, undefined])
    await other.endSessions(userId, undefined, 'c')
    await expect.poll(() => a.closed()).toEqual({ code: 4401, reason: 'The session has ended.' })
    expect(c.closed()).toBeUndefined()
  })

  it('closes, at its heartbeat, a socket whose session ended unheard', async () => {
    const hub = instance(50)
    let live = true
    const socket = connection(crypto.randomUUID(), 'session-1', () => live)
    await hub.connect(socket)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(socket.closed()).toBeUndefined()
    live = false
    await expect.poll(() => socket.closed()).toEqual({ code: 4401, reason: 'The session has ended.' })
  })
})
