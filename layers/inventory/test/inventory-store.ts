import { randomUUID } from 'node:crypto'
import { sql as raw } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { ProductChanged } from '#layers/catalog/contracts/events'
import { createEnvelope } from '#kernel/messaging/envelope'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { migrateAll } from '#scripts/lib/migrate-all'
import { quietLog } from '#test/support/messaging-fixture'
import { testServices } from '#test/support/services'
import { changeStock } from '../server/features/change-stock'
import { trackNewSkus } from '../server/features/track-new-skus'
import { inventoryDb } from '../server/infrastructure/database'
import type { Inventory } from '../server/inventory'

export const ADMIN_ID = '0193a000-0000-7000-8000-0000000000ad'

/** A product the catalog announces, sold by `skus`; its skus are this test's own. */
export const productChanged = (skus: string[]) =>
  createEnvelope(ProductChanged, {
    productId: randomUUID().replace(/-/g, '').slice(0, 24),
    sku: skus[0]!,
    slug: `test-${skus[0]!.toLowerCase()}`,
    status: 'active',
    priceAmount: 1999,
    currency: 'EUR',
    version: 1,
    skus,
  })

/** Skus no other test uses: `INV-<random>-<n>`. */
export const freshSkus = (count: number) => {
  const run = randomUUID().slice(0, 8).toUpperCase()
  return Array.from({ length: count }, (_, n) => `INV-${run}-${n + 1}`)
}

export const newOrderId = () => uuidv7()

/**
 * Inventory on the real Postgres of this test run (every module's migrations applied), with
 * helpers to count skus and read back what the tests check.
 */
export async function openInventory(options: { holdMs?: number } = {}) {
  const services = testServices()
  const sqlPort: SqlPort = await createSql({ databaseUrl: services.databaseUrl, dataDir: '' })
  await migrateAll(sqlPort)
  const inventory: Inventory = {
    db: inventoryDb(sqlPort),
    startingStock: 'none',
    holdMs: options.holdMs ?? 60_000,
    log: quietLog,
  }

  /** Skus counted as the catalog's event makes them, then given `onHand` units as an admin receives them. */
  const stocked = async (onHand: number[]) => {
    const skus = freshSkus(onHand.length)
    await trackNewSkus(inventory, productChanged(skus))
    for (const [index, sku] of skus.entries())
      if (onHand[index]) await changeStock(inventory, ADMIN_ID, sku, { to: onHand[index] }, { reason: 'received' })
    return skus
  }

  const stockOf = async (sku: string) =>
    inventory.db.selectFrom('stock').select(['on_hand', 'reserved']).where('sku', '=', sku).executeTakeFirstOrThrow()

  /** What the movement log says the stock should be. */
  const movementSums = async (sku: string) => {
    const row = await inventory.db
      .selectFrom('movements')
      .select([
        raw<string>`coalesce(sum(on_hand_change), 0)`.as('on_hand'),
        raw<string>`coalesce(sum(reserved_change), 0)`.as('reserved'),
      ])
      .where('sku', '=', sku)
      .executeTakeFirstOrThrow()
    return { on_hand: Number(row.on_hand), reserved: Number(row.reserved) }
  }

  /** The messages inventory wrote to its outbox about an order (or a sku), oldest first. */
  const emitted = async (about: { orderId?: string; sku?: string }) => {
    const key = about.orderId ? 'orderId' : 'sku'
    const { rows } = await raw<{ type: string; payload: Record<string, unknown> }>`
      select content->>'type' as type, content->'payload' as payload from inventory.outbox
      where content->'payload'->>${key} = ${about.orderId ?? about.sku!} order by occurred_on, id`.execute(sqlPort.db)
    return rows
  }

  return { inventory, sql: sqlPort, stocked, stockOf, movementSums, emitted, close: () => sqlPort.close() }
}
