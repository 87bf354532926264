import { MongoClient, type Collection, type Document } from 'mongodb'
import { spawnStandalone } from '../../packages/mongo-wire/src/spawn-standalone'
import { peakRssMb, percentile, pinProcess, SERVER_CPU, type Measurement, type Scenario } from '../harness'

const PRODUCTS = 10_000
const CONCURRENCY = 16
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const CATEGORIES = ['phones', 'laptops', 'shirts', 'jeans', 'novels', 'comics', 'cameras', 'audio']
const BRANDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark']

/** Product-shaped documents, the same every run. */
function product(n: number): Document {
  return {
    _id: `p${n}`,
    sku: `SKU-${n}`,
    name: `Product ${n}`,
    price: 500 + ((n * 7919) % 200_000),
    categoryIds: [CATEGORIES[n % CATEGORIES.length]],
    status: 'active',
    attributes: { brand: BRANDS[n % BRANDS.length], colour: ['red', 'blue', 'black'][n % 3] },
  }
}

/** The listing page's facets: brand and colour counts and price bands, for one category. */
const facets = (category: string) => [
  { $match: { categoryIds: category, status: 'active' } },
  {
    $facet: {
      brands: [{ $sortByCount: '$attributes.brand' }],
      colours: [{ $sortByCount: '$attributes.colour' }],
      prices: [{ $bucket: { groupBy: '$price', boundaries: [0, 5_000, 20_000, 100_000, 1_000_000] } }],
      page: [{ $sort: { price: 1 } }, { $limit: 24 }],
    },
  },
]

/** The standalone server on the server core, holding PRODUCTS products; the driver on this core. */
async function withProducts(run: (products: Collection, pid: number) => Promise<Measurement>) {
  const server = await spawnStandalone()
  pinProcess(server.child.pid!, SERVER_CPU)
  const client = await new MongoClient(server.url, { maxPoolSize: CONCURRENCY }).connect()
  try {
    const products = client.db('bench').collection('products')
    for (let n = 0; n < PRODUCTS; n += 1_000)
      await products.insertMany(Array.from({ length: 1_000 }, (_, i) => product(n + i)))
    // The catalog's indexes: unique SKU, and listings by category.
    await products.createIndex({ sku: 1 }, { unique: true })
    await products.createIndex({ categoryIds: 1, status: 1, price: 1 })
    return await run(products, server.child.pid!)
  } finally {
    await client.close()
    await server.stop()
  }
}

/** Runs `operation` from CONCURRENCY loops for the bench's duration: operations/s and latency. */
async function load(operation: (n: number) => Promise<unknown>, pid: number): Promise<Measurement> {
  const latencies: number[] = []
  const until = performance.now() + seconds * 1000
  let n = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now()
        await operation(n++)
        latencies.push(performance.now() - started)
      }
    }),
  )
  const sorted = latencies.sort((a, b) => a - b)
  return {
    value: Math.round(latencies.length / seconds),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    peakRssMb: peakRssMb(pid),
  }
}

export const mongoFindById: Scenario = {
  name: 'mongo-find-by-id',
  unit: 'op/s',
  description: `embedded MongoDB-wire server: findOne by _id over ${PRODUCTS} products, official driver`,
  run: () =>
    withProducts((products, pid) =>
      load(async (n) => {
        if (!(await products.findOne({ _id: `p${(n * 7_919) % PRODUCTS}` as never }))) throw new Error('missing')
      }, pid),
    ),
}

export const mongoFacets: Scenario = {
  name: 'mongo-facets',
  unit: 'op/s',
  description: `embedded MongoDB-wire server: a category's $facet (brands, colours, price bands, first page) over ${PRODUCTS} products`,
  run: () =>
    withProducts((products, pid) =>
      load(async (n) => {
        const [result] = await products.aggregate(facets(CATEGORIES[n % CATEGORIES.length]!)).toArray()
        if (!result?.page.length) throw new Error('empty facet')
      }, pid),
    ),
}
