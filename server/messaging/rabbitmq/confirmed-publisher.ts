import { once } from 'node:events'
import type { ConfirmChannel, Options } from 'amqplib'
import type { PublishOutcome } from '../transport'

export interface Outgoing {
  exchange: string
  routingKey: string
  content: Buffer
  options: Options.Publish
  /**
   * Fail unless a queue took it. Retries, dead letters and replays go to one named queue: if it
   * is gone, the broker would accept and drop them. (Events may have no subscriber yet.)
   */
  mustRoute?: boolean
}

/**
 * Publishes a batch on a confirm channel, pipelined: every message is written before any confirm
 * is awaited. `publish()` returning false means "buffer full": wait for drain, never drop. Each
 * confirm has a deadline, because on a dead link amqplib would wait for it until the heartbeat
 * notices.
 */
export async function publishConfirmed(
  channel: ConfirmChannel,
  batch: Outgoing[],
  timeoutMs: number,
): Promise<PublishOutcome[]> {
  const listening = new AbortController()
  const { signal } = listening
  const closed = closedSignal(channel).then(() => 'closed' as const)
  // One deadline for the whole batch, running while we wait to write (a blocked broker never
  // drains) and for confirms. Not transient: the link is up, so the rows back off.
  const deadline = new Promise<PublishOutcome>((resolve) => {
    setTimeout(() => resolve({ ok: false, error: `no confirm within ${timeoutMs} ms` }), timeoutMs).unref()
  })
  const expired = deadline.then(() => 'expired' as const)
  const confirms: Promise<PublishOutcome>[] = []
  let stoppedBy: 'closed' | 'expired' | undefined
  const returned = returnedTags(channel)
  for (const message of batch) {
    let written = true
    const tag = message.mustRoute ? String(nextTag++) : undefined
    const options = tag
      ? { ...message.options, mandatory: true, headers: { ...message.options.headers, [TAG]: tag } }
      : message.options
    confirms.push(
      new Promise<PublishOutcome>((resolve) => {
        try {
          written = channel.publish(message.exchange, message.routingKey, message.content, options, (error) =>
            resolve(
              error
                ? refusedOrLost(error)
                : tag && returned.delete(tag)
                  ? { ok: false, error: `no queue took it (${message.routingKey})` }
                  : { ok: true },
            ),
          )
        } catch (error) {
          resolve({ ok: false, error: error instanceof Error ? error.message : String(error), transient: true })
        }
      }),
    )
    if (!written) {
      const drained = once(channel, 'drain', { signal }).then(
        () => 'drained' as const,
        () => 'done' as const,
      )
      const waited = await Promise.race([drained, closed, expired])
      if (waited === 'closed' || waited === 'expired') {
        stoppedBy = waited
        break
      }
    }
  }
  const settled = await Promise.all(confirms.map((confirm) => Promise.race([confirm, deadline])))
  listening.abort()
  const unwritten: PublishOutcome =
    stoppedBy === 'expired'
      ? { ok: false, error: `not written within ${timeoutMs} ms: the broker is not taking messages` }
      : { ok: false, error: 'not written: the channel closed', transient: true }
  return batch.map((_, i) => settled[i] ?? unwritten)
}

// The broker sends basic.return before the basic.ack of an unroutable mandatory message, so a
// tag returned by the time its confirm arrives means no queue took it.
const TAG = 'x-publish-tag'
let nextTag = 1
const returnedSets = new WeakMap<ConfirmChannel, Set<string>>()

function returnedTags(channel: ConfirmChannel): Set<string> {
  let returned = returnedSets.get(channel)
  if (!returned) {
    const tags = new Set<string>()
    channel.on('return', (message: { properties: { headers?: Record<string, unknown> } }) => {
      const tag = message.properties.headers?.[TAG]
      if (tag !== undefined) tags.add(String(tag))
    })
    returnedSets.set(channel, tags)
    returned = tags
  }
  return returned
}

const closedSignals = new WeakMap<ConfirmChannel, Promise<void>>()

/** One 'close' listener per channel, however many batches wait on it at once. */
function closedSignal(channel: ConfirmChannel): Promise<void> {
  let closed = closedSignals.get(channel)
  if (!closed) {
    closed = new Promise((resolve) => channel.once('close', () => resolve()))
    closedSignals.set(channel, closed)
  }
  return closed
}

// amqplib fails pending confirms with "channel closed" when the link drops; a nack is a refusal.
const refusedOrLost = (error: Error): PublishOutcome =>
  /closed/i.test(String(error.message))
    ? { ok: false, error: `connection lost before the confirm: ${error.message}`, transient: true }
    : { ok: false, error: `broker refused: ${error.message}` }
