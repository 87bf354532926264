import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { startMessaging, type Messaging } from '#kernel/messaging/messaging'
import type { SqlPort } from '#kernel/sql/sql-port'
import { deleteTopology, quietLog, TEST_RETRY_DELAYS_MS } from './messaging-fixture'
import { testServices } from './services'

export type BusTransport = 'in-process' | 'rabbitmq'

/** The transports a module's bus test runs on, each with whether this machine lacks what it needs. */
export function busTransports(): (readonly [BusTransport, boolean])[] {
  const services = testServices()
  return [
    ['in-process', !services.databaseUrl],
    ['rabbitmq', !services.databaseUrl || !services.amqpUrl],
  ]
}

/**
 * A module's consumers and outbox on the bus, as the app runs them, with a collector that keeps
 * every message matching `collect`: commands go in with `publish`, and what the module answers
 * through its outbox and the relay shows up in `collected`.
 */
export async function startModuleBus(options: {
  module: string
  transport: BusTransport
  sql: SqlPort
  handlers: MessageHandler[]
  collect: string[]
  /** The outboxes the relay empties: the module's own unless several modules run together. */
  outboxes?: string[]
}) {
  const services = testServices()
  const prefix = `test-${services.runId}-${options.module}-${options.transport}`
  const collected: Envelope[] = []
  const collector: MessageHandler = {
    name: `test.${options.module}-collector`,
    messages: options.collect,
    async handle(envelope) {
      collected.push(envelope)
    },
  }
  const handlers = [...options.handlers, collector]
  const messaging: Messaging = await startMessaging({
    sql: options.sql,
    log: quietLog,
    amqpUrl: options.transport === 'rabbitmq' ? services.amqpUrl : undefined,
    busPrefix: prefix,
    handlers,
    outboxes: () => options.outboxes ?? [options.module],
    retryDelaysMs: TEST_RETRY_DELAYS_MS,
    relayIdleMs: 100,
  })
  await messaging.transport.ready()
  return {
    messaging,
    collected,
    /** The types collected about an order, in the order they arrived. */
    typesFor: (orderId: string) =>
      collected.filter((e) => (e.payload as { orderId?: string }).orderId === orderId).map((e) => e.type),
    publish: (...envelopes: Envelope[]) => messaging.transport.publish(envelopes),
    async close() {
      await messaging.close()
      if (options.transport === 'rabbitmq')
        await deleteTopology(
          services.amqpUrl!,
          prefix,
          handlers.map((h) => h.name),
        )
    },
  }
}

export type ModuleBus = Awaited<ReturnType<typeof startModuleBus>>
