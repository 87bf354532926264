import { MongoClient, MongoServerError } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongoWireServer, type MongoWireServer } from './server'

describe('mongo-wire server, through the official driver', () => {
  let server: MongoWireServer
  let client: MongoClient

  beforeAll(async () => {
    server = await startMongoWireServer()
    client = new MongoClient(server.url, { serverSelectionTimeoutMS: 2_000 })
    await client.connect()
  })
  afterAll(async () => {
    await client?.close()
    await server?.close()
  })

  it('completes the handshake and answers ping', async () => {
    expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 })
  })

  it('describes itself in buildInfo', async () => {
    const info = await client.db('admin').command({ buildInfo: 1 })
    expect(info).toMatchObject({ ok: 1, versionArray: [6, 0, 0, 0] })
  })

  it('answers an unknown command with MongoDB’s CommandNotFound error, not a hang', async () => {
    const failure = await client
      .db('shop')
      .command({ frobnicate: 1 })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MongoServerError)
    expect(failure).toMatchObject({ code: 59, codeName: 'CommandNotFound' })
  })

  it('serves many connections at once', async () => {
    const clients = Array.from({ length: 5 }, () => new MongoClient(server.url, { maxPoolSize: 2 }))
    try {
      const pings = await Promise.all(clients.map((c) => c.db('admin').command({ ping: 1 })))
      expect(pings).toEqual(Array(5).fill({ ok: 1 }))
    } finally {
      await Promise.all(clients.map((c) => c.close()))
    }
  })
})
