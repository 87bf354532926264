import type { Availability } from '../../contracts'
import { availabilityOf } from '../domain/availability'
import type { Inventory } from '../inventory'
import { availableUnits } from '../infrastructure/stock-store'

export const MAX_AVAILABILITY_SKUS = 100

/** What shoppers are told of each sku asked for; one inventory does not count is out of stock. */
export async function availability(inventory: Inventory, skus: readonly string[]): Promise<Map<string, Availability>> {
  const available = await availableUnits(inventory.db, skus)
  return new Map(skus.map((sku) => [sku, availabilityOf(available.get(sku) ?? 0)]))
}
