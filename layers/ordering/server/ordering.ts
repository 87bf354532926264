import type { Logger } from 'pino'
import type { Infrastructure } from '#kernel/infrastructure'
import { resolveModule } from '#kernel/modules/registry'
import { BasketModule } from '#layers/basket/contracts'
import { CatalogModule } from '#layers/catalog/contracts'
import { orderingDb, type OrderingDb } from './infrastructure/database'

/** Everything ordering's features need, built once at start-up. */
export interface Ordering {
  db: OrderingDb
  /** How long an order whose stock is held waits for its payment before it is cancelled. */
  paymentTimeoutMs: number
  /** The customer's basket becomes the order; the catalog prices its lines at that moment. */
  basket: () => Promise<BasketModule>
  catalog: () => Promise<CatalogModule>
  log: Logger
}

export function createOrdering(
  infrastructure: Pick<Infrastructure, 'sql'>,
  settings: { paymentTimeoutMs: number },
  log: Logger,
): Ordering {
  return {
    db: orderingDb(infrastructure.sql),
    paymentTimeoutMs: settings.paymentTimeoutMs,
    basket: () => resolveModule(BasketModule),
    catalog: () => resolveModule(CatalogModule),
    log,
  }
}

let current: Promise<Ordering> | undefined

export const setOrdering = (ordering: Promise<Ordering>) => void (current = ordering)

/** The ordering this process started; slices, consumers and tasks await it (Nitro does not await plugins). */
export function useOrdering(): Promise<Ordering> {
  if (!current) throw new Error('the ordering plugin has not started')
  return current
}
