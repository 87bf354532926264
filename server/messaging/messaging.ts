import type { Logger } from 'pino'
import type { SqlPort } from '../sql/sql-port'
import { deadLetterStore, type DeadLetterStore } from './dead-letters'
import type { MessageHandler } from './handler'
import { createInProcessTransport } from './in-process/in-process-transport'
import { createRabbitMqTransport } from './rabbitmq/rabbitmq-transport'
import { createRelay, type Relay } from './relay'
import type { Transport } from './transport'

const outboxSchemas = new Set<string>()
const handlers: MessageHandler[] = []

/** A context with an outbox table registers its schema (from its Nitro plugin) so the relay drains it. */
export const registerOutbox = (schema: string) => void outboxSchemas.add(schema)

/** A context registers each consumer (from its Nitro plugin) before start-up completes. */
export const registerHandler = (handler: MessageHandler) => void handlers.push(handler)

export const registeredOutboxes = () => [...outboxSchemas]

export interface Messaging {
  transport: Transport
  relay: Relay
  deadLetters: DeadLetterStore
  close(): Promise<void>
}

export interface MessagingOptions {
  sql: SqlPort
  log: Logger
  amqpUrl?: string
  busPrefix: string
  handlers?: MessageHandler[]
  outboxes?: () => string[]
  retryDelaysMs?: number[]
  relayIdleMs?: number
}

/** Builds the transport (RabbitMQ when configured), subscribes every handler and starts the relay. */
export async function startMessaging(options: MessagingOptions): Promise<Messaging> {
  const deadLetters = deadLetterStore(options.sql)
  const common = { deadLetters, log: options.log, retryDelaysMs: options.retryDelaysMs }
  const transport = options.amqpUrl
    ? createRabbitMqTransport({ ...common, url: options.amqpUrl, prefix: options.busPrefix })
    : createInProcessTransport(common)
  for (const handler of options.handlers ?? handlers) transport.subscribe(handler)
  await transport.start()
  // Give the broker a moment so this instance's queues exist before its relay publishes;
  // if it is down, start anyway: the relay waits for it and /api/health reports it.
  await Promise.race([transport.ready(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())])
  const relay = createRelay({
    sql: options.sql,
    transport,
    schemas: options.outboxes ?? registeredOutboxes,
    log: options.log,
    idleMs: options.relayIdleMs,
  })
  relay.start()
  return {
    transport,
    relay,
    deadLetters,
    async close() {
      await relay.stop()
      await transport.close()
    },
  }
}
