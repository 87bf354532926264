import type { Logger } from 'pino'
import type { Infrastructure } from '#kernel/infrastructure'
import { orderingDb, type OrderingDb } from './infrastructure/database'

/** Everything ordering's features need, built once at start-up. */
export interface Ordering {
  db: OrderingDb
  /** How long an order whose stock is held waits for its payment before it is cancelled. */
  paymentTimeoutMs: number
  log: Logger
}

export function createOrdering(
  infrastructure: Pick<Infrastructure, 'sql'>,
  settings: { paymentTimeoutMs: number },
  log: Logger,
): Ordering {
  return { db: orderingDb(infrastructure.sql), paymentTimeoutMs: settings.paymentTimeoutMs, log }
}

let current: Promise<Ordering> | undefined

export const setOrdering = (ordering: Promise<Ordering>) => void (current = ordering)

/** The ordering this process started; slices, consumers and tasks await it (Nitro does not await plugins). */
export function useOrdering(): Promise<Ordering> {
  if (!current) throw new Error('the ordering plugin has not started')
  return current
}
