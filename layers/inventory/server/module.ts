import type { InventoryModule } from '../contracts'
import { availability } from './features/availability'
import type { Inventory } from './inventory'

/** Inventory's in-process interface, over its features; the plugin registers it. */
export const inventoryModule = (inventory: Promise<Inventory>): InventoryModule => ({
  availability: async (skus) => availability(await inventory, skus),
})
