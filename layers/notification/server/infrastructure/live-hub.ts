import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { redisKey } from '#kernel/redis/create-redis'

/** One open socket of a signed-in user, on this instance. */
export interface LiveConnection {
  id: string
  userId: string
  sessionId: string
  /** Whether its session still stands: asked at each heartbeat, in case its end was not heard. */
  stillLive(): Promise<boolean>
  send(text: string): void
  close(code: number, reason: string): void
}

/**
 * Real-time delivery across instances. Each instance subscribes to one Redis channel and sends
 * what it hears to its own sockets of that user; the registry (`connections:{userId}`, a sorted
 * set of connection ids scored by when they expire) says whether the user is connected anywhere;
 * when nobody is, messages wait in `offline:{userId}` and go to the next connection, once, in order.
 */
export interface LiveHub {
  connect(connection: LiveConnection): Promise<void>
  disconnect(connection: LiveConnection): Promise<void>
  /** To every socket of the user, on any instance; kept for their next connection when there is none. */
  deliver(userId: string, message: object): Promise<'live' | 'kept'>
  /** Closes the sockets of a session, or of every session of the user but `keep`, on every instance. */
  endSessions(userId: string, sessionId?: string, keep?: string): Promise<void>
  /** This instance's open sockets. */
  size(): number
  close(): Promise<void>
}

export const REGISTRY_TTL_MS = 90_000
const HEARTBEAT_MS = 30_000
/** The most messages kept for a user who is away, and for how long. */
const OFFLINE_CAP = 100
const OFFLINE_TTL_MS = 7 * 24 * 3_600_000

// A stale registration (an instance that died) lapses with its score; the check and the push are
// one step, so a connection registered in between still drains what was pushed.
const DELIVER = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) > 0 then return 1 end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 0
`
const CONNECT = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local kept = redis.call('LRANGE', KEYS[2], 0, -1)
redis.call('DEL', KEYS[2])
return kept
`
type Deliver = (
  registry: string,
  offline: string,
  now: number,
  message: string,
  cap: number,
  ttl: number,
) => Promise<number>
type Connect = (registry: string, offline: string, id: string, expiresAt: number, ttl: number) => Promise<string[]>

const registryKey = (userId: string) => redisKey('notification', 'connections', userId)
const offlineKey = (userId: string) => redisKey('notification', 'offline', userId)

type Broadcast = { to: string; message: object } | { end: string; sessionId?: string; keep?: string }

/**
 * `channel` is the Redis channel every instance shares (with the deployment's key prefix: pub/sub
 * channels are not prefixed by the client). `heartbeatMs`: how often registrations are refreshed and
 * sessions checked (30 s; shorter in tests).
 */
export function liveHub(
  redis: Redis,
  subscriber: Redis,
  channel: string,
  log: Logger,
  { heartbeatMs = HEARTBEAT_MS }: { heartbeatMs?: number } = {},
): LiveHub {
  if (!('notificationDeliver' in redis)) {
    redis.defineCommand('notificationDeliver', { numberOfKeys: 2, lua: DELIVER })
    redis.defineCommand('notificationConnect', { numberOfKeys: 2, lua: CONNECT })
  }
  const commands = redis as unknown as { notificationDeliver: Deliver; notificationConnect: Connect }
  const byUser = new Map<string, Set<LiveConnection>>()
  // A connection draining its offline messages holds live ones back, so they arrive after them.
  const held = new Map<string, string[]>()

  const send = (connection: LiveConnection, text: string) => {
    const waiting = held.get(connection.id)
    if (waiting) waiting.push(text)
    else connection.send(text)
  }

  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return
    let broadcast: Broadcast
    try {
      broadcast = JSON.parse(raw) as Broadcast
    } catch {
      return log.warn({ channel }, 'unreadable live broadcast')
    }
    if ('to' in broadcast) {
      const text = JSON.stringify(broadcast.message)
      for (const connection of byUser.get(broadcast.to) ?? []) send(connection, text)
      return
    }
    const { sessionId, keep } = broadcast
    for (const connection of [...(byUser.get(broadcast.end) ?? [])])
      if (sessionId ? connection.sessionId === sessionId : connection.sessionId !== keep)
        connection.close(4401, 'The session has ended.')
  })
  const subscribed = subscriber.subscribe(channel)

  // Keeps this instance's registrations alive while their sockets are open.
  const heartbeat = setInterval(() => {
    const expiresAt = Date.now() + REGISTRY_TTL_MS
    const batch = redis.pipeline()
    for (const [userId, connections] of byUser) {
      for (const connection of connections) batch.zadd(registryKey(userId), expiresAt, connection.id)
      batch.pexpire(registryKey(userId), REGISTRY_TTL_MS)
    }
    if (batch.length) batch.exec().catch((error: unknown) => log.warn({ err: error }, 'live registry refresh failed'))
    // A session whose end this instance did not hear (the broadcast was lost) ends here, within a beat.
    for (const connections of byUser.values())
      for (const connection of connections)
        connection
          .stillLive()
          .then((live) => live || connection.close(4401, 'The session has ended.'))
          .catch((error: unknown) => log.warn({ err: error }, 'live session check failed'))
  }, heartbeatMs)
  heartbeat.unref()

  return {
    async connect(connection) {
      await subscribed
      let connections = byUser.get(connection.userId)
      if (!connections) byUser.set(connection.userId, (connections = new Set()))
      connections.add(connection)
      held.set(connection.id, [])
      try {
        const kept = await commands.notificationConnect(
          registryKey(connection.userId),
          offlineKey(connection.userId),
          connection.id,
          Date.now() + REGISTRY_TTL_MS,
          REGISTRY_TTL_MS,
        )
        for (const text of kept) connection.send(text)
      } finally {
        for (const text of held.get(connection.id) ?? []) connection.send(text)
        held.delete(connection.id)
      }
    },

    async disconnect(connection) {
      held.delete(connection.id)
      const connections = byUser.get(connection.userId)
      if (!connections?.delete(connection)) return
      if (!connections.size) byUser.delete(connection.userId)
      await redis.zrem(registryKey(connection.userId), connection.id)
    },

    async deliver(userId, message) {
      const text = JSON.stringify(message)
      const live = await commands.notificationDeliver(
        registryKey(userId),
        offlineKey(userId),
        Date.now(),
        text,
        OFFLINE_CAP,
        OFFLINE_TTL_MS,
      )
      if (!live) return 'kept'
      await redis.publish(channel, JSON.stringify({ to: userId, message } satisfies Broadcast))
      return 'live'
    },

    async endSessions(userId, sessionId, keep) {
      await redis.publish(channel, JSON.stringify({ end: userId, sessionId, keep } satisfies Broadcast))
    },

    size: () => [...byUser.values()].reduce((sum, connections) => sum + connections.size, 0),

    async close() {
      clearInterval(heartbeat)
      for (const connections of byUser.values())
        for (const connection of connections) connection.close(1001, 'The shop is restarting.')
      byUser.clear()
      await subscriber.quit().catch(() => subscriber.disconnect())
    },
  }
}
