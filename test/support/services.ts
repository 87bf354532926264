import { inject } from 'vitest'

/**
 * The real services this test run uses, prepared by test/global-setup.ts: a database of its own
 * and a Redis key prefix of its own, so concurrent runs never see each other's data.
 */
export interface TestServices {
  runId: string
  /** Postgres URL of this run's own database, or undefined when Postgres is unreachable (outside CI). */
  databaseUrl?: string
  /** Connection to the maintenance database, for tests that create more databases. */
  adminDatabaseUrl?: string
  redisUrl?: string
  redisKeyPrefix: string
  amqpUrl?: string
  /** BUS_PREFIX for apps started by the tests: names this run's exchange and queues. */
  busPrefix: string
}

declare module 'vitest' {
  interface ProvidedContext {
    services: TestServices
  }
}

export const testServices = (): TestServices => inject('services')
