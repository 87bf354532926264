import { createHash } from 'node:crypto'
import type { Logger } from 'pino'
import { InvalidMessageError, parseEnvelope } from './envelope'
import { DEFAULT_MAX_ATTEMPTS, definitionsOf, type MessageHandler } from './handler'
import type { DeadLetterSink } from './transport'

/** What to do with a delivery once the handler has run: shared by both transports. */
export type Verdict = { kind: 'done' } | { kind: 'retry'; attempt: number } | { kind: 'dead'; reason: string }

/**
 * Runs one delivery through a handler: an unreadable message is dead at once, a failure is
 * retried until the handler's attempts are used up, then it is dead.
 */
export async function deliver(
  handler: MessageHandler,
  content: Buffer | string,
  attempt: number,
  log: Logger,
): Promise<Verdict> {
  let envelope
  try {
    envelope = parseEnvelope(content, definitionsOf(handler))
  } catch (error) {
    if (error instanceof InvalidMessageError) return { kind: 'dead', reason: error.message }
    throw error
  }
  try {
    await handler.handle(envelope)
    return { kind: 'done' }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const maxAttempts = handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
    log.warn({ handler: handler.name, messageId: envelope.id, attempt, maxAttempts, reason }, 'handler failed')
    return attempt >= maxAttempts
      ? { kind: 'dead', reason: `failed ${attempt} times; last error: ${reason}` }
      : { kind: 'retry', attempt: attempt + 1 }
  }
}

/** Dead-letters a delivery with whatever can be read of it. */
export async function recordDead(
  sink: DeadLetterSink,
  handler: string,
  content: Buffer | string,
  reason: string,
  attempts: number,
): Promise<void> {
  const text = content.toString()
  let raw: { id?: unknown; type?: unknown } = {}
  try {
    raw = (JSON.parse(text) ?? {}) as typeof raw
  } catch {
    // Not JSON: recorded as it came.
  }
  // Without a readable id, a content hash keys the record, so repeats of one poison message
  // collapse into one row and different ones do not overwrite each other.
  const messageId = typeof raw.id === 'string' ? raw.id : `sha1:${createHash('sha1').update(text).digest('hex')}`
  const type = typeof raw.type === 'string' ? raw.type : 'unknown'
  await sink.record({ handler, messageId, type, content: text, reason, attempts })
}
