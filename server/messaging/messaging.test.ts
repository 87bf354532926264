import { afterEach, describe, expect, it, onTestFinished } from 'vitest'
import { createSql } from '../sql/create-sql'
import { createRelay } from './relay'
import { createEnvelope } from './envelope'
import { envelopeOf } from './dead-letters'
import { messagingFixture, quietLog, WidgetMade } from '#test/support/messaging-fixture'
import { testServices } from '#test/support/services'

const services = testServices()
const transports = [
  ['in-process', !services.databaseUrl],
  ['rabbitmq', !services.databaseUrl || !services.amqpUrl],
] as const

type Fixture = Awaited<ReturnType<typeof messagingFixture>>

/** One delivery contract, both transports: what passes on RabbitMQ must pass in-process too. */
describe.each(transports)('messaging over %s', (transport, unavailable) => {
  let fixture: Fixture | undefined
  let handlerNames: string[] = []
  const setUp = async (name: string, ...handlers: string[]) => {
    fixture = await messagingFixture(`${name}_${transport.replace('-', '')}`)
    handlerNames = handlers
    return fixture
  }
  afterEach(async () => {
    await fixture?.close(handlerNames)
    fixture = undefined
  })

  it.skipIf(unavailable)('delivers every committed event to each subscribed handler, applied once', async () => {
    const f = await setUp('fanout', 'a', 'b')
    await f.start(transport, [f.idempotentHandler('a'), f.idempotentHandler('b')])
    await f.commit(300, 25)
    for (const handler of ['a', 'b']) {
      await expect.poll(() => f.applied(handler), { timeout: 20_000 }).toEqual({ total: 300, distinct: 300 })
    }
    expect(await f.pendingOutbox()).toBe(0)
  })

  it.skipIf(unavailable)('retries a transient failure with growing delays until it succeeds', async () => {
    const f = await setUp('transient', 'flaky')
    await f.start(transport, [f.idempotentHandler('flaky', (_envelope, attempt) => attempt <= 2)])
    await f.commit(20)
    await expect.poll(() => f.applied('flaky'), { timeout: 20_000 }).toEqual({ total: 20, distinct: 20 })
    expect([...f.deliveries.get('flaky')!.values()].every((attempts) => attempts === 3)).toBe(true)
  })

  it.skipIf(unavailable)('applies a message delivered twice only once', async () => {
    const f = await setUp('twice', 'once')
    const messaging = await f.start(transport, [f.idempotentHandler('once')])
    await messaging.transport.ready()
    const envelope = createEnvelope(WidgetMade, { n: 7 })
    expect(await messaging.transport.publish([envelope, envelope])).toEqual([{ ok: true }, { ok: true }])
    await expect.poll(() => f.deliveries.get('once')?.get(envelope.id), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => f.applied('once'), { timeout: 5_000 }).toEqual({ total: 1, distinct: 1 })
  })

  it.skipIf(unavailable)('dead-letters a poison message after its attempts, and replays it once fixed', async () => {
    const f = await setUp('poison', 'poisoned')
    let broken = true
    const messaging = await f.start(transport, [f.idempotentHandler('poisoned', () => broken, 3)])
    const [id] = await f.commit(1)
    const deadLetter = async () => (await messaging.deadLetters.list({ limit: 10 })).find((d) => d.messageId === id)
    await expect.poll(deadLetter, { timeout: 20_000 }).toMatchObject({
      handler: 'poisoned',
      type: 'testing.widget-made.v1',
      attempts: 3,
      reason: expect.stringContaining('simulated failure of attempt 3'),
    })
    expect(f.deliveries.get('poisoned')!.get(id!)).toBe(3)
    expect(await f.applied('poisoned')).toEqual({ total: 0, distinct: 0 })

    broken = false
    const letter = (await deadLetter())!
    await messaging.transport.redeliver(letter.handler, envelopeOf(letter)!)
    await messaging.deadLetters.markReplayed(letter.id)
    await expect.poll(() => f.applied('poisoned'), { timeout: 20_000 }).toEqual({ total: 1, distinct: 1 })
    expect(await deadLetter()).toBeUndefined()
  })

  it.skipIf(unavailable)('refuses to replay to a handler that has no queue, instead of dropping it', async () => {
    const f = await setUp('noqueue', 'present')
    const messaging = await f.start(transport, [f.idempotentHandler('present')])
    await messaging.transport.ready()
    await expect(messaging.transport.redeliver('absent', createEnvelope(WidgetMade, { n: 1 }))).rejects.toThrow()
  })

  it.skipIf(unavailable)('dead-letters an invalid message at once, saying what is wrong', async () => {
    const f = await setUp('invalid', 'strict')
    const messaging = await f.start(transport, [f.idempotentHandler('strict')])
    await messaging.transport.ready()
    const bad = { ...createEnvelope(WidgetMade, { n: 1 }), payload: { n: -5 } }
    expect(await messaging.transport.publish([bad])).toEqual([{ ok: true }])
    await expect
      .poll(async () => (await messaging.deadLetters.list({ limit: 10 })).find((d) => d.messageId === bad.id), {
        timeout: 20_000,
      })
      .toMatchObject({ attempts: 1, reason: expect.stringMatching(/invalid testing\.widget-made\.v1 payload: n /) })
    expect(f.deliveries.get('strict')).toBeUndefined()
  })

  it.skipIf(unavailable)('lets two relays drain one outbox without publishing a row twice', async () => {
    const f = await setUp('tworelays', 'counted')
    const messaging = await f.start(transport, [f.idempotentHandler('counted')])
    // A second relay with its own connection pool, as another instance would have.
    const otherPool = await createSql({ databaseUrl: services.databaseUrl, dataDir: '' })
    const other = createRelay({
      sql: otherPool,
      transport: messaging.transport,
      schemas: () => [f.schema],
      log: quietLog,
      idleMs: 50,
    })
    other.start()
    onTestFinished(async () => {
      await other.stop()
      await otherPool.close()
    })
    await f.commit(400, 1)
    await expect.poll(() => f.applied('counted'), { timeout: 30_000 }).toEqual({ total: 400, distinct: 400 })
    // No faults here, so every message was delivered exactly once: neither relay published a row the other did.
    expect([...f.deliveries.get('counted')!.values()].every((deliveries) => deliveries === 1)).toBe(true)
  })
})
