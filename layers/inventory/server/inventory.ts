import type { Logger } from 'pino'
import type { Infrastructure } from '#kernel/infrastructure'
import type { InventorySettings } from './config/inventory-settings'
import type { StartingStock } from './domain/starting-stock'
import { inventoryDb, type InventoryDb } from './infrastructure/database'

/** Everything inventory's features need, built once at start-up. */
export interface Inventory {
  db: InventoryDb
  startingStock: StartingStock
  holdMs: number
  log: Logger
}

export function createInventory(
  infrastructure: Pick<Infrastructure, 'sql' | 'mongo'>,
  settings: InventorySettings,
  log: Logger,
): Inventory {
  return {
    db: inventoryDb(infrastructure.sql),
    // The embedded document store is where the catalog seeds its demo products.
    startingStock: settings.inventoryStartingStock ?? (infrastructure.mongo.kind === 'embedded' ? 'demo' : 'none'),
    holdMs: settings.inventoryHoldMinutes * 60_000,
    log,
  }
}

let current: Promise<Inventory> | undefined

export const setInventory = (inventory: Promise<Inventory>) => void (current = inventory)

/** The inventory this process started; slices and consumers await it (Nitro does not await plugins). */
export function useInventory(): Promise<Inventory> {
  if (!current) throw new Error('the inventory plugin has not started')
  return current
}
