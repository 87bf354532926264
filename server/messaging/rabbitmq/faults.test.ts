import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createRelay } from '../relay'
import { messagingFixture, quietLog } from '#test/support/messaging-fixture'
import { ensureBrokerRunning, rabbitmqctl } from '#test/support/rabbitmqctl'
import { testServices } from '#test/support/services'

const services = testServices()
const root = resolve(import.meta.dirname, '../../..')
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
/** Outlives the whole test: only the test ends it. */
const KILLED_RELAY_LEASE_MS = 120_000

type Fixture = Awaited<ReturnType<typeof messagingFixture>>

/**
 * Faults against the real broker: events in must equal effects out, each applied exactly once.
 * These restart the machine's RabbitMQ, so the test files run one at a time (vitest.config.ts).
 */
describe.skipIf(!services.databaseUrl || !services.amqpUrl)('messaging under faults (RabbitMQ)', () => {
  let fixture: Fixture | undefined
  afterEach(async () => {
    await ensureBrokerRunning()
    await fixture?.close(['survivor'])
    fixture = undefined
  })

  /** Commits batches in the background until stopped, returning how many events went in. */
  function keepCommitting(f: Fixture) {
    let committed = 0
    let running = true
    const done = (async () => {
      while (running) {
        await f.commit(10, 10, committed)
        committed += 10
        await sleep(20)
      }
    })()
    return async () => {
      running = false
      await done
      return committed
    }
  }

  it.each([
    ['the broker application is stopped and started', () => rabbitmqctl('stop_app'), () => ensureBrokerRunning()],
    ['the broker closes every connection', () => rabbitmqctl('close_all_connections', 'fault test'), async () => {}],
  ])(
    'loses and duplicates nothing when %s mid-stream',
    async (_fault, inject, heal) => {
      const f = (fixture = await messagingFixture(`fault_${Math.random().toString(36).slice(2, 8)}`))
      await f.start('rabbitmq', [f.idempotentHandler('survivor')])
      const stop = keepCommitting(f)
      await sleep(1_000)
      await inject()
      await sleep(2_000)
      await heal()
      await sleep(1_000)
      const committed = await stop()
      expect(committed).toBeGreaterThan(100)
      await expect
        .poll(() => f.applied('survivor'), { timeout: 45_000, interval: 250 })
        .toEqual({
          total: committed,
          distinct: committed,
        })
      await expect.poll(() => f.pendingOutbox(), { timeout: 10_000 }).toBe(0)
    },
    90_000,
  )

  it('republishes what a relay killed between publish and mark had sent; consumers apply it once', async () => {
    const f = (fixture = await messagingFixture(`killed_${Math.random().toString(36).slice(2, 8)}`))
    const messaging = await f.start('rabbitmq', [f.idempotentHandler('survivor')], { relay: false })
    const ids = await f.commit(50, 50)

    const killed = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/relay-once.ts',
        services.databaseUrl!,
        services.amqpUrl!,
        f.prefix,
        f.schema,
        String(KILLED_RELAY_LEASE_MS),
      ],
      { cwd: root, env: { ...process.env, SHOP_FAILPOINTS: 'relay-after-publish' } },
    ).catch((error: { signal?: string }) => error)
    expect(killed).toMatchObject({ signal: 'SIGKILL' })
    // The killed relay published everything but marked nothing: its transaction died with it.
    await expect.poll(() => f.deliveries.get('survivor')?.size ?? 0, { timeout: 10_000 }).toBe(50)
    expect(await f.pendingOutbox()).toBe(50)

    // Claimed rows are hidden from other relays until the dead relay's lease runs out. The lease is
    // long, so no load on the machine can end it early; it is then ended by moving it into the past,
    // as its clock would, instead of by sleeping against it.
    const relay = createRelay({ sql: f.sql, transport: messaging.transport, schemas: () => [f.schema], log: quietLog })
    expect(await relay.runOnce()).toBe(0)
    await sql`update ${sql.id(f.schema, 'outbox')} set next_attempt_at = now() - interval '1 millisecond'
      where processed_on is null`.execute(f.sql.db)
    expect(await relay.runOnce()).toBe(50)
    await expect
      .poll(() => [...f.deliveries.get('survivor')!.values()].every((n) => n === 2), { timeout: 10_000 })
      .toBe(true)
    expect(await f.applied('survivor')).toEqual({ total: 50, distinct: 50 })
    expect(await f.pendingOutbox()).toBe(0)
    expect(new Set(f.deliveries.get('survivor')!.keys())).toEqual(new Set(ids))
  }, 60_000)
})
