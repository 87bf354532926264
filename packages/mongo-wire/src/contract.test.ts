import { Decimal128, MongoBulkWriteError, MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { spawnStandalone, type Standalone } from './spawn-standalone'

/**
 * The contract the catalog relies on: what the official driver does against MongoDB. It runs
 * against the standalone mongo-wire server in its own process (as mongosh would reach it), or,
 * unchanged, against a real MongoDB when MONGODB_URL is set.
 */
const realMongo = process.env.MONGODB_URL

describe(`MongoDB contract through the official driver (${realMongo ? 'real MongoDB' : 'mongo-wire, another process'})`, () => {
  let server: Standalone | undefined
  let client: MongoClient
  let db: Db
  const databases: Db[] = []

  beforeAll(async () => {
    server = realMongo ? undefined : await spawnStandalone()
    client = await new MongoClient(realMongo ?? server!.url, { serverSelectionTimeoutMS: 5_000 }).connect()
  })
  afterAll(async () => {
    for (const database of databases) await database.dropDatabase()
    await client?.close()
    await server?.stop()
  })
  beforeEach(async () => {
    db = client.db(`contract_${Math.random().toString(36).slice(2, 8)}`)
    databases.push(db)
  })

  it('inserts and finds by id, with projection, sort, skip and limit', async () => {
    const items = db.collection('items')
    const { insertedIds } = await items.insertMany([
      { name: 'b', price: 200, tags: ['x'] },
      { name: 'a', price: 100, tags: ['x', 'y'] },
      { name: 'c', price: 300, tags: [] },
    ])
    expect(await items.findOne({ _id: insertedIds[1] })).toMatchObject({ name: 'a', price: 100 })
    const page = await items
      .find({ price: { $gte: 100 } }, { projection: { _id: 0, name: 1 } })
      .sort({ price: -1 })
      .skip(1)
      .limit(1)
      .toArray()
    expect(page).toEqual([{ name: 'b' }])
    expect(await items.find({ tags: 'y' }).toArray()).toHaveLength(1)
    expect(await items.countDocuments({ tags: 'x' })).toBe(2)
    expect(await items.estimatedDocumentCount()).toBe(3)
    expect((await items.distinct('tags')).sort()).toEqual(['x', 'y'])
  })

  it('keeps BSON types: ObjectId, Date, Decimal128, nested documents', async () => {
    const id = new ObjectId()
    const at = new Date('2026-11-24T10:00:00Z')
    await db
      .collection('types')
      .insertOne({ _id: id, at, amount: Decimal128.fromString('12.34'), deep: { a: [1, { b: 2 }] } })
    const found = await db.collection('types').findOne({ _id: id })
    expect(found!._id).toEqual(id)
    expect(found!.at).toEqual(at)
    expect(found!.amount.toString()).toBe('12.34')
    expect(found!.deep).toEqual({ a: [1, { b: 2 }] })
  })

  it('serves a cursor over several batches with getMore, and kills one left open', async () => {
    const many = db.collection('many')
    await many.insertMany(Array.from({ length: 1_050 }, (_, n) => ({ n })))
    const all = await many.find({}, { batchSize: 100 }).sort({ n: 1 }).toArray()
    expect(all.map((d) => d.n)).toEqual(Array.from({ length: 1_050 }, (_, n) => n))
    const cursor = many.find({}, { batchSize: 10 })
    await cursor.next()
    await cursor.close() // killCursors
    const aggregated = await many.aggregate([{ $match: { n: { $lt: 500 } } }], { batchSize: 50 }).toArray()
    expect(aggregated).toHaveLength(500)
  })

  it('enforces unique indexes with the real duplicate-key errors', async () => {
    const products = db.collection('products')
    await products.createIndex({ sku: 1 }, { unique: true })
    await products.insertOne({ sku: 'A-1' })
    const single = await products.insertOne({ sku: 'A-1' }).catch((error: unknown) => error)
    expect(single).toBeInstanceOf(MongoServerError)
    expect(single).toMatchObject({ code: 11000, keyPattern: { sku: 1 }, keyValue: { sku: 'A-1' } })
    expect((single as Error).message).toMatch(/E11000 duplicate key error collection: .*products index: sku_1/)

    const bulk = await products
      .insertMany([{ sku: 'B' }, { sku: 'A-1' }, { sku: 'C' }])
      .catch((error: unknown) => error)
    expect(bulk).toBeInstanceOf(MongoBulkWriteError)
    expect(bulk).toMatchObject({ code: 11000, insertedCount: 1 })
    expect(await products.countDocuments()).toBe(2) // ordered: stopped at the duplicate

    const sameId = new ObjectId()
    await products.insertOne({ _id: sameId, sku: 'D' })
    await expect(products.insertOne({ _id: sameId, sku: 'E' })).rejects.toMatchObject({ code: 11000 })
    await expect(products.updateOne({ sku: 'D' }, { $set: { sku: 'B' } })).rejects.toMatchObject({ code: 11000 })
    expect(await products.findOne({ _id: sameId })).toMatchObject({ sku: 'D' })
    // An index that existing documents violate is refused and not created.
    const colours = db.collection('colours')
    await colours.insertMany([{ colour: 'red' }, { colour: 'red' }])
    await expect(colours.createIndex({ colour: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 })
    expect((await colours.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_'])
    // A missing field is null to a unique index: a second document without it is a duplicate.
    await expect(products.insertOne({ name: 'no sku' })).resolves.toBeDefined()
    await expect(products.insertOne({ name: 'no sku either' })).rejects.toMatchObject({ code: 11000 })
  })

  it('updates with operators, upsert, multi, arrayFilters and replacement', async () => {
    const carts = db.collection<{
      user: string
      items?: { sku: string; qty: number }[]
      log?: string[]
      total?: number
      currency?: string
      created?: boolean
      replaced?: boolean
    }>('carts')
    await carts.insertMany([
      {
        user: 'u1',
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 5 },
        ],
        total: 10,
      },
      { user: 'u2', items: [{ sku: 'a', qty: 2 }], total: 20 },
    ])
    const one = await carts.updateOne({ user: 'u1' }, { $inc: { total: 5 }, $push: { log: 'added' } })
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1 })
    const none = await carts.updateOne({ user: 'u1' }, { $set: { total: 15 } })
    expect(none).toMatchObject({ matchedCount: 1, modifiedCount: 0 })
    await carts.updateOne(
      { user: 'u1' },
      { $set: { 'items.$[big].qty': 4 } },
      { arrayFilters: [{ 'big.qty': { $gt: 3 } }] },
    )
    await carts.updateOne({ user: 'u1', 'items.sku': 'a' }, { $set: { 'items.$.qty': 9 } })
    expect((await carts.findOne({ user: 'u1' }))!.items).toEqual([
      { sku: 'a', qty: 9 },
      { sku: 'b', qty: 4 },
    ])
    const many = await carts.updateMany({}, { $set: { currency: 'EUR' } })
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 })
    const upserted = await carts.updateOne(
      { user: 'u3' },
      { $set: { total: 0 }, $setOnInsert: { created: true } },
      { upsert: true },
    )
    expect(upserted.upsertedId).toBeInstanceOf(ObjectId)
    expect(await carts.findOne({ user: 'u3' })).toMatchObject({ user: 'u3', total: 0, created: true })
    await carts.updateOne({ user: 'u3' }, { $set: { total: 1 }, $setOnInsert: { created: false } }, { upsert: true })
    expect(await carts.findOne({ user: 'u3' })).toMatchObject({ total: 1, created: true })
    // An upsert whose update only repeats the query still inserts a whole document, _id included.
    const repeated = await carts.updateOne({ user: 'u4' }, { $set: { user: 'u4' } }, { upsert: true })
    expect(await carts.findOne({ _id: repeated.upsertedId! })).toMatchObject({ user: 'u4' })
    await carts.replaceOne({ user: 'u2' }, { user: 'u2', replaced: true })
    expect(await carts.findOne({ user: 'u2' }, { projection: { _id: 0 } })).toEqual({ user: 'u2', replaced: true })
    await expect(carts.updateOne({ user: 'u2' }, { $set: { _id: 5 } })).rejects.toMatchObject({ code: 66 })
  })

  it('deletes one or many, and findOneAndUpdate / findOneAndDelete return what they should', async () => {
    const jobs = db.collection('jobs')
    await jobs.insertMany([
      { n: 1, state: 'new' },
      { n: 2, state: 'new' },
      { n: 3, state: 'done' },
    ])
    const claimed = await jobs.findOneAndUpdate(
      { state: 'new' },
      { $set: { state: 'taken' } },
      { sort: { n: -1 }, returnDocument: 'after', projection: { _id: 0 } },
    )
    expect(claimed).toEqual({ n: 2, state: 'taken' })
    const before = await jobs.findOneAndUpdate({ n: 1 }, { $set: { state: 'taken' } })
    expect(before).toMatchObject({ n: 1, state: 'new' })
    expect(await jobs.findOneAndUpdate({ n: 99 }, { $set: { x: 1 } })).toBeNull()
    const created = await jobs.findOneAndUpdate(
      { n: 4 },
      { $set: { state: 'new' } },
      { upsert: true, returnDocument: 'after' },
    )
    expect(created).toMatchObject({ n: 4, state: 'new' })
    expect(await jobs.findOneAndDelete({ n: 3 })).toMatchObject({ n: 3 })
    expect(await jobs.deleteOne({ state: 'taken' })).toMatchObject({ deletedCount: 1 })
    expect(await jobs.deleteMany({})).toMatchObject({ deletedCount: 2 })
  })

  it('runs aggregations: $facet, $group, $unwind, $lookup, $sortByCount, $bucket', async () => {
    await db.collection<{ _id: string; title: string }>('categories').insertMany([
      { _id: 'books', title: 'Books' },
      { _id: 'music', title: 'Music' },
    ])
    await db.collection('products').insertMany([
      { category: 'books', price: 500, tags: ['paper', 'new'] },
      { category: 'books', price: 1500, tags: ['hardback'] },
      { category: 'music', price: 2500, tags: ['vinyl', 'new'] },
    ])
    const [facets] = await db
      .collection('products')
      .aggregate([
        {
          $facet: {
            byCategory: [
              { $group: { _id: '$category', count: { $sum: 1 }, total: { $sum: '$price' } } },
              { $sort: { _id: 1 } },
            ],
            tags: [{ $unwind: '$tags' }, { $sortByCount: '$tags' }, { $limit: 1 }],
            prices: [{ $bucket: { groupBy: '$price', boundaries: [0, 1000, 2000, 5000], default: 'other' } }],
            named: [
              { $lookup: { from: 'categories', localField: 'category', foreignField: '_id', as: 'category' } },
              { $unwind: '$category' },
              { $group: { _id: '$category.title' } },
              { $sort: { _id: 1 } },
            ],
          },
        },
      ])
      .toArray()
    expect(facets).toEqual({
      byCategory: [
        { _id: 'books', count: 2, total: 2000 },
        { _id: 'music', count: 1, total: 2500 },
      ],
      tags: [{ _id: 'new', count: 2 }],
      prices: [
        { _id: 0, count: 1 },
        { _id: 1000, count: 1 },
        { _id: 2000, count: 1 },
      ],
      named: [{ _id: 'Books' }, { _id: 'Music' }],
    })
  })

  it('searches a text index and ranks by textScore', async () => {
    const products = db.collection('products')
    await products.createIndex({ name: 'text', description: 'text' }, { weights: { name: 10 } })
    await products.insertMany([
      { name: 'Garden hose', description: 'Waters a lamp-free garden' },
      { name: 'Desk lamp', description: 'A bright lamp for your desk' },
      { name: 'Lamp', description: 'A lamp' },
      { name: 'Chair', description: 'Sit down' },
    ])
    const found = await products
      .find({ $text: { $search: 'lamps' } }, { projection: { _id: 0, name: 1, score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray()
    expect(found.map((d) => d.name)).toEqual(['Lamp', 'Desk lamp', 'Garden hose'])
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score)
    const aggregated = await products
      .aggregate([
        { $match: { $text: { $search: 'desk' } } },
        { $project: { _id: 0, name: 1, score: { $meta: 'textScore' } } },
      ])
      .toArray()
    expect(aggregated).toEqual([{ name: 'Desk lamp', score: expect.any(Number) }])
    await db.collection('plain').insertOne({ name: 'x' })
    await expect(
      db
        .collection('plain')
        .find({ $text: { $search: 'x' } })
        .toArray(),
    ).rejects.toMatchObject({ code: 27 })
  })

  it('creates, lists and drops indexes, collections and databases', async () => {
    await db.createCollection('orders')
    await expect(db.createCollection('orders')).rejects.toMatchObject({ code: 48 })
    const orders = db.collection('orders')
    expect(
      await orders.createIndexes([{ key: { user: 1, at: -1 } }, { key: { status: 1 }, name: 'by_status' }]),
    ).toEqual(['user_1_at_-1', 'by_status'])
    expect((await orders.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'user_1_at_-1', 'by_status'])
    await orders.dropIndex('by_status')
    await expect(orders.dropIndex('by_status')).rejects.toMatchObject({ code: 27 })
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['orders'])
    expect((await db.listCollections({ name: 'nope' }).toArray()).length).toBe(0)
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).toContain(db.databaseName)
    expect(await orders.drop()).toBe(true)
    expect(await db.listCollections().toArray()).toEqual([])
    await db.collection('again').insertOne({ a: 1 })
    expect(await db.dropDatabase()).toBe(true)
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain(db.databaseName)
  })

  it('answers bad input with MongoDB errors, not hangs', async () => {
    await db.collection('x').insertOne({ a: 1 })
    await expect(
      db
        .collection('x')
        .find({ a: { $frob: 1 } })
        .toArray(),
    ).rejects.toBeInstanceOf(MongoServerError)
    await expect(db.command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' })
    await expect(
      db
        .collection('x')
        .aggregate([{ $nope: {} }])
        .toArray(),
    ).rejects.toBeInstanceOf(MongoServerError)
  })
})
