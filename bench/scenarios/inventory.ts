import { sql } from 'kysely'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { reserve } from '#layers/inventory/server/features/reserve'
import { inventoryDb } from '#layers/inventory/server/infrastructure/database'
import type { Inventory } from '#layers/inventory/server/inventory'
import { createSql } from '#kernel/sql/create-sql'
import { migrateAll } from '#scripts/lib/migrate-all'
import { quietLog } from '#test/support/messaging-fixture'
import { peakRssMb, percentile, ScenarioSkipped, type Measurement, type Scenario } from '../harness'

/** Clients reserving at once: enough to queue on a hot row, as a busy checkout would. */
const CLIENTS = 16
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const HOT = 'BENCH-HOT'
const SPREAD = Array.from({ length: 1_000 }, (_, n) => `BENCH-S-${String(n + 1).padStart(4, '0')}`)
const PLENTY = 1_000_000_000

function databaseUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new ScenarioSkipped('needs DATABASE_URL (a real Postgres)')
  return url
}

/** Inventory's tables (every migration applied), the bench's skus stocked with more than any run takes. */
async function stockedInventory() {
  const port = await createSql({ databaseUrl: databaseUrl(), dataDir: '', applicationName: 'bench', poolSize: CLIENTS })
  await migrateAll(port)
  await sql`
    insert into inventory.stock (sku, product_id, on_hand, reserved)
    select sku, 'bench', ${PLENTY}, 0 from unnest(${[HOT, ...SPREAD]}::text[]) as sku
    on conflict (sku) do update set on_hand = excluded.on_hand, reserved = 0`.execute(port.db)
  const inventory: Inventory = { db: inventoryDb(port), startingStock: 'none', holdMs: 30 * 60_000, log: quietLog }
  return { inventory, close: () => port.close() }
}

/** `CLIENTS` loops calling `once` for SECONDS: calls per second and their latencies. */
async function closedLoop(once: () => Promise<void>): Promise<Measurement> {
  const latencies: number[] = []
  const until = performance.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const started = performance.now()
        await once()
        latencies.push(performance.now() - started)
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  return {
    value: Math.round(latencies.length / SECONDS),
    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
    peakRssMb: peakRssMb(process.pid),
  }
}

/**
 * The ceiling: a bare `pg` pool running only the conditional UPDATE a reservation is built on,
 * on the same table and the same hot row, with as many clients.
 */
export const sqlConditionalUpdate: Scenario = {
  name: 'sql-conditional-update',
  unit: 'updates/s',
  description: `bare pg: UPDATE inventory.stock … WHERE on_hand - reserved >= 1 on one hot sku, ${CLIENTS} clients`,
  reference: null,
  async run() {
    const stocked = await stockedInventory()
    await stocked.close()
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: CLIENTS, application_name: 'bench' })
    try {
      return await closedLoop(async () => {
        await pool.query(
          'update inventory.stock set reserved = reserved + 1 where sku = $1 and on_hand - reserved >= $2',
          [HOT, 1],
        )
      })
    } finally {
      await pool.end()
    }
  },
}

async function reservations(lines: () => { sku: string; quantity: number }[]): Promise<Measurement> {
  const { inventory, close } = await stockedInventory()
  try {
    return await closedLoop(async () => {
      const outcome = await reserve(inventory, uuidv7(), lines())
      if (!outcome.reserved) throw new Error('a bench reservation came up short')
    })
  } finally {
    await close()
  }
}

/** Whole reservations (the recorded outcome, the hold, the movement log, the reply in the outbox) on one hot sku. */
export const inventoryReserveHot: Scenario = {
  name: 'inventory-reserve-hot',
  unit: 'reservations/s',
  description: `inventory's reserve: one unit of one hot sku per order, ${CLIENTS} clients`,
  reference: 'sql-conditional-update',
  run: () => reservations(() => [{ sku: HOT, quantity: 1 }]),
}

/** The same over 1,000 skus, one to three lines an order: rows seldom contend. */
export const inventoryReserveSpread: Scenario = {
  name: 'inventory-reserve-spread',
  unit: 'reservations/s',
  description: `inventory's reserve: 1–3 lines over 1,000 skus per order, ${CLIENTS} clients`,
  reference: 'sql-conditional-update',
  run: () =>
    reservations(() => {
      const count = 1 + Math.floor(Math.random() * 3)
      const skus = new Set<string>()
      while (skus.size < count) skus.add(SPREAD[Math.floor(Math.random() * SPREAD.length)]!)
      return [...skus].map((sku) => ({ sku, quantity: 1 + Math.floor(Math.random() * 2) }))
    }),
}
