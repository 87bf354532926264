import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { messagingFixture, quietLog } from '#test/support/messaging-fixture'
import { testServices } from '#test/support/services'
import { outboxBacklog, replayDeadLetter } from './admin'
import { createRelay, deleteProcessedOutboxRows } from './relay'
import type { Transport } from './transport'

const services = testServices()
type Fixture = Awaited<ReturnType<typeof messagingFixture>>

describe.skipIf(!services.databaseUrl)('outbox and dead-letter operations', () => {
  let fixture: Fixture | undefined
  afterEach(async () => {
    await fixture?.close()
    fixture = undefined
  })

  it('records a refused publish on its row, backs off, and shows it in the backlog', async () => {
    const f = (fixture = await messagingFixture('ops_backlog'))
    await f.commit(3, 3)
    const refusing = {
      ready: async () => {},
      publish: async (batch: unknown[]) => batch.map(() => ({ ok: false, error: 'NOT_FOUND - no exchange' })),
    }
    const relay = createRelay({
      sql: f.sql,
      transport: refusing as unknown as Transport,
      schemas: () => [f.schema],
      log: quietLog,
    })
    expect(await relay.runOnce()).toBe(3)
    expect(await relay.runOnce()).toBe(0) // backing off: not due again yet

    const [backlog] = await outboxBacklog(f.sql, [f.schema])
    expect(backlog).toMatchObject({ schema: f.schema, pending: 3, failing: 3 })
    expect(backlog!.failures).toHaveLength(3)
    for (const failure of backlog!.failures) {
      expect(failure).toMatchObject({ retryCount: 1, error: 'NOT_FOUND - no exchange', type: 'testing.widget-made.v1' })
      expect(Date.parse(failure.nextAttemptAt)).toBeGreaterThan(Date.now())
    }
  })

  it('keeps relaying the other outboxes when one cannot be read', async () => {
    const f = (fixture = await messagingFixture('ops_broken'))
    const messaging = await f.start('in-process', [f.idempotentHandler('ops_broken-h')], { relay: false })
    const relay = createRelay({
      sql: f.sql,
      transport: messaging.transport,
      schemas: () => ['not_migrated_yet', f.schema],
      log: quietLog,
    })
    await f.commit(30, 10)
    expect(await relay.runOnce()).toBe(30)
    await expect.poll(() => f.applied('ops_broken-h')).toEqual({ total: 30, distinct: 30 })
  })

  it('deletes only rows published more than seven days ago', async () => {
    const f = (fixture = await messagingFixture('ops_cleanup'))
    const messaging = await f.start('in-process', [])
    await f.commit(6, 6)
    await expect.poll(() => f.pendingOutbox()).toBe(0)
    await messaging.relay.stop()
    await sql`update ${sql.id(f.schema, 'outbox')} set processed_on = now() - interval '8 days'
      where id in (select id from ${sql.id(f.schema, 'outbox')} order by occurred_on limit 4)`.execute(f.sql.db)
    expect(await deleteProcessedOutboxRows(f.sql, [f.schema])).toBe(4)
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(f.schema, 'outbox')}`.execute(
      f.sql.db,
    )
    expect(rows[0]!.n).toBe(2)
  })

  it('replays a dead letter once, and refuses unknown or unreadable ones', async () => {
    const f = (fixture = await messagingFixture('ops_replay'))
    let broken = true
    const messaging = await f.start('in-process', [f.idempotentHandler('ops_replay-h', () => broken, 1)])
    const [id] = await f.commit(1)
    const mine = async (includeReplayed = false) =>
      (await messaging.deadLetters.list({ limit: 100, includeReplayed })).filter((d) => d.handler === 'ops_replay-h')
    await expect.poll(async () => (await mine()).length, { timeout: 10_000 }).toBe(1)
    const [letter] = await mine()
    expect(letter!.messageId).toBe(id)

    broken = false
    expect(await replayDeadLetter(messaging, letter!.id)).toEqual({ ok: true, value: undefined })
    await expect.poll(() => f.applied('ops_replay-h'), { timeout: 10_000 }).toEqual({ total: 1, distinct: 1 })
    expect(await replayDeadLetter(messaging, letter!.id)).toMatchObject({ ok: false, status: 409 })
    expect(await replayDeadLetter(messaging, '01a20e00-0000-7000-8000-000000000000')).toMatchObject({
      ok: false,
      status: 404,
    })

    await messaging.deadLetters.record({
      handler: 'ops_replay-h',
      messageId: 'sha1:x',
      type: 'unknown',
      content: 'not json',
      reason: 'unreadable',
      attempts: 1,
    })
    const unreadable = (await mine()).find((d) => d.messageId === 'sha1:x')!
    expect(await replayDeadLetter(messaging, unreadable.id)).toMatchObject({ ok: false, status: 422 })
    expect((await mine(true)).map((d) => d.replayedAt !== null).sort()).toEqual([false, true])
  })
})
