import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib'
import type { Logger } from 'pino'
import { deliver, recordDead } from '../delivery'
import { retryDelayFor, type MessageHandler } from '../handler'
import type { DeadLetterSink } from '../transport'
import type { Outgoing } from './confirmed-publisher'
import type { TopologyNames } from './topology'

export interface ConsumerContext {
  names: TopologyNames
  delays: number[]
  log: Logger
  deadLetters: DeadLetterSink
  /** Publishes on the connection's confirm channel; throws unless the broker confirmed. */
  publishOne(message: Outgoing): Promise<void>
}

/**
 * Handles one delivery: success acks it; a failure is re-published to the delay queue for its
 * attempt (or to the dead-letter queue when attempts are used up) and then acked; if that
 * publish fails the delivery goes back to the broker.
 */
export function consumeHandler(
  context: ConsumerContext,
  model: ChannelModel,
  channel: Channel,
  handler: MessageHandler,
) {
  const { names, delays, log, publishOne } = context
  const queue = names.queue(handler.name)
  return async (message: ConsumeMessage | null) => {
    if (!message) {
      // The broker cancelled the consumer (its queue was deleted): reconnect to re-declare it.
      log.warn({ handler: handler.name }, 'RabbitMQ cancelled a consumer; reconnecting')
      return void model.close().catch(() => {})
    }
    const attempt = Number(message.properties.headers?.['x-attempt'] ?? 1)
    try {
      const verdict = await deliver(handler, message.content, attempt, log)
      if (verdict.kind === 'retry') {
        const delay = retryDelayFor(attempt, delays)
        await publishOne({
          exchange: '',
          routingKey: names.retryQueue(handler.name, delay),
          mustRoute: true,
          content: message.content,
          options: {
            ...message.properties,
            persistent: true,
            headers: { ...message.properties.headers, 'x-attempt': verdict.attempt },
          },
        })
      } else if (verdict.kind === 'dead') {
        await publishOne({
          exchange: '',
          routingKey: names.deadLetterQueue(handler.name),
          mustRoute: true,
          content: message.content,
          options: { persistent: true, headers: { 'x-reason': verdict.reason, 'x-attempts': attempt } },
        })
      }
      channel.ack(message)
    } catch (error) {
      // The retry or dead letter could not be published: give the message back to the broker.
      log.warn({ err: error, handler: handler.name, queue }, 'delivery returned to the queue')
      try {
        channel.nack(message, false, true)
      } catch {
        // The channel is gone; the broker requeues unacknowledged messages by itself.
      }
    }
  }
}

/** Drains a handler's dead-letter queue into the dead-letter store admins read. */
export function recordDeadLetters(context: ConsumerContext, channel: Channel, handler: MessageHandler) {
  const { log } = context
  return async (message: ConsumeMessage | null) => {
    if (!message) return
    const headers = message.properties.headers ?? {}
    const reason = String(
      headers['x-reason'] ?? `broker dead-lettered it: ${String(headers['x-first-death-reason'] ?? 'unknown')}`,
    )
    const attempts = Number(headers['x-attempts'] ?? headers['x-delivery-count'] ?? 0)
    try {
      await recordDead(context.deadLetters, handler.name, message.content, reason, attempts)
      channel.ack(message)
    } catch (error) {
      log.error({ err: error, handler: handler.name }, 'could not record a dead letter; retrying')
      setTimeout(() => {
        try {
          channel.nack(message, false, true)
        } catch {
          // The channel is gone; the broker requeues it.
        }
      }, 1_000).unref()
    }
  }
}
