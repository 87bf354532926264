import type { Availability } from '#layers/inventory/contracts'
import { useCatalogRead } from './useCatalogRead'

/**
 * Whether the skus a page sells are in stock, by sku: from inventory's module while rendering on
 * the server, from its API after client-side navigation. A page drawn with it is purged from the
 * page cache when a sku's availability changes.
 */
export function useAvailability(skus: () => readonly string[]) {
  const wanted = () => [...new Set(skus())].sort()
  return useCatalogRead<Record<string, Availability>>(
    () => `inventory:availability:${wanted().join(',')}`,
    (reader) => reader.availability(wanted()),
    () =>
      wanted().length
        ? $fetch<Record<string, Availability>>('/api/v1/inventory/availability', { query: { sku: wanted() } })
        : Promise.resolve({}),
  )
}
