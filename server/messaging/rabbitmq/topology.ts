import type { Channel } from 'amqplib'
import { bindingKeysOf, type MessageHandler } from '../handler'

export interface TopologyNames {
  exchange: string
  queue(handlerName: string): string
  retryQueue(handlerName: string, delayMs: number): string
  deadLetterQueue(handlerName: string): string
}

/** Every name derives from one prefix, so test runs (and environments) never share a queue. */
export const topologyNames = (prefix: string): TopologyNames => ({
  exchange: `${prefix}.events`,
  queue: (name) => `${prefix}.${name}`,
  retryQueue: (name, delayMs) => `${prefix}.${name}.retry.${delayMs}ms`,
  deadLetterQueue: (name) => `${prefix}.${name}.dlq`,
})

// A delivery that keeps crashing its consumer (never acked, never nacked by our code) is
// dead-lettered by the broker after this many attempts; RabbitMQ 3.10 has no limit by default.
const DELIVERY_LIMIT = 20

/**
 * Declares one handler's queues: a durable quorum queue bound to its message types, one delay
 * queue per retry delay (messages expire back into the main queue), and a dead-letter queue.
 */
export async function declareHandlerTopology(
  channel: Channel,
  names: TopologyNames,
  handler: MessageHandler,
  retryDelaysMs: number[],
): Promise<void> {
  const queue = names.queue(handler.name)
  const deadLetters = names.deadLetterQueue(handler.name)
  await channel.assertQueue(deadLetters, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': DELIVERY_LIMIT,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': deadLetters,
    },
  })
  for (const binding of bindingKeysOf(handler)) await channel.bindQueue(queue, names.exchange, binding)
  for (const delayMs of new Set(retryDelaysMs)) {
    await channel.assertQueue(names.retryQueue(handler.name, delayMs), {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    })
  }
}
