import type { Envelope } from '../contracts/messaging'
import type { InfrastructureKind } from '../config/settings'
import type { MessageHandler } from './handler'

/** What a transport reports for each message of a published batch. */
export type PublishOutcome =
  | { ok: true }
  /** `transient`: the link failed (closed, no confirm in time), not the broker's verdict on the message. */
  | { ok: false; error: string; transient?: boolean }

/**
 * Moves envelopes from the outbox relay to handlers: RabbitMQ when configured, in-process
 * otherwise, with one contract: at-least-once delivery, retries with growing delays, then a
 * dead letter recorded for inspection and replay.
 */
export interface Transport {
  kind: InfrastructureKind
  /** Resolves while connected; waits (does not fail) while the broker is away. */
  ready(): Promise<void>
  /** Publishes a batch, resolving once the broker confirmed (or refused) each message. */
  publish(envelopes: Envelope[]): Promise<PublishOutcome[]>
  /** Registers a handler; call before start(). */
  subscribe(handler: MessageHandler): void
  start(): Promise<void>
  /** Puts a dead letter back on its handler's queue, as a first attempt. */
  redeliver(handlerName: string, envelope: Envelope): Promise<void>
  probe(): Promise<void>
  close(): Promise<void>
}

/** Where a message that exhausted its attempts, or could not be read, ends up. */
export interface DeadLetterSink {
  record(letter: {
    handler: string
    messageId: string
    type: string
    content: string
    reason: string
    attempts: number
  }): Promise<void>
}
