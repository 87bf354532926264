import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnStandalone, type Standalone } from './spawn-standalone'

/** Connects the driver to a standalone server; closed with it. */
async function connected(server: Standalone) {
  const client = await new MongoClient(server.url, { serverSelectionTimeoutMS: 5_000 }).connect()
  return { client, products: client.db('shop').collection<{ _id: number; sku: string; stock?: number }>('products') }
}

describe('mongo-wire durability (a standalone server killed with SIGKILL)', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mongo-wire-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const first = await spawnStandalone({ dir })
    const { client, products } = await connected(first)
    await products.createIndex({ sku: 1 }, { unique: true })
    const acknowledged = new Set<number>()
    const updated = new Set<number>()
    let next = 0
    let killed = false
    // Four writers insert and update while the server is killed under them.
    const writers = Array.from({ length: 4 }, async () => {
      while (!killed) {
        const n = next++
        try {
          await products.insertOne({ _id: n, sku: `SKU-${n}` })
          acknowledged.add(n)
          if (n % 3 === 0) {
            await products.updateOne({ _id: n }, { $set: { stock: n } })
            updated.add(n)
          }
        } catch {
          return // the connection died with the server
        }
      }
    })
    while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 5))
    killed = true
    await first.kill()
    await Promise.all(writers)
    await client.close(true)

    const second = await spawnStandalone({ dir })
    try {
      const { client: again, products: recovered } = await connected(second)
      const stored = new Map((await recovered.find().toArray()).map((doc) => [doc._id, doc]))
      for (const n of acknowledged) expect(stored.get(n)?.sku).toBe(`SKU-${n}`)
      for (const n of updated) expect(stored.get(n)?.stock).toBe(n)
      // The unique index came back too, and still holds.
      await expect(recovered.insertOne({ _id: -1, sku: 'SKU-0' })).rejects.toMatchObject({ code: 11000 })
      await again.close()
    } finally {
      await second.stop()
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(300)
  })

  it('refuses to start on a damaged data file, naming it, instead of serving an empty catalog', async () => {
    const server = await spawnStandalone({ dir })
    const { client, products } = await connected(server)
    await products.insertMany(Array.from({ length: 200 }, (_, n) => ({ _id: n, sku: `SKU-${n}` })))
    await client.close()
    await server.stop()
    // A restart folds the journal into a snapshot; damage that snapshot in the middle.
    await (await spawnStandalone({ dir })).stop()
    const snapshot = (await readdir(dir)).find((name) => name.startsWith('snapshot'))!
    const bytes = await readFile(join(dir, snapshot))
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle]! ^ 0xff
    await writeFile(join(dir, snapshot), bytes)
    await expect(spawnStandalone({ dir })).rejects.toThrow(new RegExp(`${snapshot}.*corrupt`))

    await rm(join(dir, snapshot))
    await writeFile(join(dir, 'journal.000009'), Buffer.alloc(0))
    await expect(spawnStandalone({ dir })).rejects.toThrow(/missing|corrupt/)
  })

  it('lets one server at a time use a data directory, and takes over after a crash', async () => {
    const first = await spawnStandalone({ dir })
    try {
      await expect(spawnStandalone({ dir })).rejects.toThrow(/in use by process/)
    } finally {
      await first.kill()
    }
    const second = await spawnStandalone({ dir })
    await second.stop()
  })
})
