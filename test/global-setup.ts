import { connect } from 'node:net'
import pg from 'pg'
import { Redis } from 'ioredis'
import type { TestProject } from 'vitest/node'
import type { TestServices } from './support/services'
import { ensureProductionBuild } from '#scripts/lib/production-build'
import { sweepBroker } from './support/broker-sweep'

/**
 * Prepares the real services for this run. Each run gets its own Postgres database and Redis key
 * prefix; both are removed afterwards. Under CI=true an unreachable service fails the run; on a
 * developer's machine the suites that need it are skipped with a warning.
 */
const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const amqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

const reachable = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url)
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.end()
      resolve(true)
    })
    socket.setTimeout(2_000, () => {
      socket.destroy()
      resolve(false)
    })
    socket.on('error', () => resolve(false))
  })

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).href

// A run that crashed or was killed cannot clean up after itself; what it left (a database
// `shop_test_<runId>`, queues `test-<runId>…`) is removed by a later run once it is six hours old.
const RUN_IS_OVER_AFTER_MS = 6 * 3_600_000
const leftByEndedRun = (name: string) => {
  const startedAt = parseInt(/(?:^shop_test_|^test-)([0-9a-z]+)_/.exec(name)?.[1] ?? '', 36)
  return Number.isFinite(startedAt) && Date.now() - startedAt > RUN_IS_OVER_AFTER_MS
}

// Without rabbitmqctl (a broker on another machine) queues cannot be listed; say so and go on.
const sweepQueues = (amqpUrl: string, isSwept: (name: string) => boolean) =>
  sweepBroker(amqpUrl, isSwept).catch((error: Error) =>
    console.warn(`\n⚠ test queues were not removed from the broker: ${error.message}\n`),
  )

export default async function setup(project: TestProject) {
  // End-to-end suites drive the production server; build it once here, not once per file.
  await ensureProductionBuild()
  const runId = `${Date.now().toString(36)}_${process.pid.toString(36)}`
  const [postgresUp, redisUp, amqpUp] = await Promise.all([adminDatabaseUrl, redisUrl, amqpUrl].map(reachable))
  const down = [!postgresUp && adminDatabaseUrl, !redisUp && redisUrl, !amqpUp && amqpUrl].filter(Boolean)
  if (down.length) {
    const message = `unreachable test services: ${down.join(', ')} (start them, or set TEST_DATABASE_URL / TEST_REDIS_URL / TEST_AMQP_URL)`
    if (process.env.CI === 'true') throw new Error(message)
    console.warn(`\n⚠ ${message}; the suites that need them are skipped\n`)
  }

  const database = `shop_test_${runId}`
  const busPrefix = `test-${runId}`
  if (amqpUp) await sweepQueues(amqpUrl, leftByEndedRun)
  if (postgresUp) {
    const admin = new pg.Client({ connectionString: adminDatabaseUrl })
    await admin.connect()
    await admin.query(`create database ${database}`)
    await admin.end()
  }

  const services: TestServices = {
    runId,
    databaseUrl: postgresUp ? withDatabase(adminDatabaseUrl, database) : undefined,
    adminDatabaseUrl: postgresUp ? adminDatabaseUrl : undefined,
    redisUrl: redisUp ? redisUrl : undefined,
    redisKeyPrefix: `test-${runId}:`,
    amqpUrl: amqpUp ? amqpUrl : undefined,
    busPrefix,
  }
  project.provide('services', services)

  return async () => {
    if (postgresUp) {
      const admin = new pg.Client({ connectionString: adminDatabaseUrl })
      await admin.connect()
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'shop\\_test\\_%'`,
      )
      for (const { datname } of rows.filter(
        ({ datname }) => datname === database || datname.startsWith(`${database}_`) || leftByEndedRun(datname),
      )) {
        await admin.query(`drop database if exists ${datname} with (force)`)
      }
      await admin.end()
    }
    if (amqpUp) await sweepQueues(amqpUrl, (name) => name.startsWith(busPrefix))
    if (redisUp) {
      const redis = new Redis(redisUrl)
      const stream = redis.scanStream({ match: `${services.redisKeyPrefix}*`, count: 500 })
      for await (const keys of stream) if ((keys as string[]).length) await redis.unlink(...(keys as string[]))
      await redis.quit()
    }
  }
}
