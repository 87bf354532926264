import { ObjectId } from 'mongodb'

/** Hex "demo", so a seeded document is recognisable at a glance in any database shell. */
const DEMO_PREFIX = '64656d6f'

const COLLECTION_CODES = { categories: '01', products: '02', reviews: '03' } as const

/** Ids from a counter rather than the clock: reseeding yields the same ids, so links and caches survive it. */
export function demoId(collection: keyof typeof COLLECTION_CODES, counter: number): ObjectId {
  return new ObjectId(DEMO_PREFIX + COLLECTION_CODES[collection] + counter.toString(16).padStart(14, '0'))
}

export const DEMO_EPOCH = Date.UTC(2026, 0, 1)

const HOUR = 3_600_000

export function demoDate(hoursAfterEpoch: number): Date {
  return new Date(DEMO_EPOCH + hoursAfterEpoch * HOUR)
}
