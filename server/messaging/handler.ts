import type { Envelope, MessageDefinition } from '../contracts/messaging'

/**
 * A consumer: one durable queue of its own, bound to the message types it handles.
 * Delivery is at-least-once; `handle` makes its effect idempotent with the inbox.
 */
export interface MessageHandler {
  /** `<context>.<what-it-does>`, e.g. `notification.send-welcome-email`; names the queue. */
  name: string
  /** Definitions validate the payload; a binding pattern such as `#` subscribes without validation. */
  messages: (MessageDefinition | string)[]
  handle(envelope: Envelope): Promise<void>
  /** Attempts before the message is dead-lettered (default 5). */
  maxAttempts?: number
}

/** Waits between attempts: 1st retry after 1 s, then 5 s, 25 s, 2 min. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 5_000, 25_000, 120_000]
export const DEFAULT_MAX_ATTEMPTS = 5

export const retryDelayFor = (attempt: number, delays: number[]) => delays[Math.min(attempt - 1, delays.length - 1)]!

export const definitionsOf = (handler: MessageHandler) =>
  handler.messages.filter((m): m is MessageDefinition => typeof m !== 'string')

export const bindingKeysOf = (handler: MessageHandler) =>
  handler.messages.map((m) => (typeof m === 'string' ? m : m.type))

/** AMQP topic matching (`*` one word, `#` zero or more words), used by the in-process bus. */
export function matchesBinding(binding: string, type: string): boolean {
  const match = (pattern: string[], words: string[]): boolean => {
    if (!pattern.length) return !words.length
    const [head, ...rest] = pattern
    if (head === '#') return match(rest, words) || (words.length > 0 && match(pattern, words.slice(1)))
    return words.length > 0 && (head === '*' || head === words[0]) && match(rest, words.slice(1))
  }
  return match(binding.split('.'), type.split('.'))
}
