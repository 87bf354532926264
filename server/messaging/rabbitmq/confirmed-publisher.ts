import { once } from 'node:events'
import type { ConfirmChannel, Options } from 'amqplib'
import type { PublishOutcome } from '../transport'

export interface Outgoing {
  exchange: string
  routingKey: string
  content: Buffer
  options: Options.Publish
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
  const closed = once(channel, 'close', { signal }).then(
    () => 'closed' as const,
    () => 'done' as const,
  )
  const confirms: Promise<PublishOutcome>[] = []
  for (const message of batch) {
    let written = true
    confirms.push(
      new Promise<PublishOutcome>((resolve) => {
        try {
          written = channel.publish(message.exchange, message.routingKey, message.content, message.options, (error) =>
            resolve(error ? refusedOrLost(error) : { ok: true }),
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
      if ((await Promise.race([drained, closed])) === 'closed') break
    }
  }
  const deadline = new Promise<PublishOutcome>((resolve) => {
    setTimeout(
      () => resolve({ ok: false, error: `no confirm within ${timeoutMs} ms`, transient: true }),
      timeoutMs,
    ).unref()
  })
  const settled = await Promise.all(confirms.map((confirm) => Promise.race([confirm, deadline])))
  listening.abort()
  return batch.map(
    (_, i) => settled[i] ?? { ok: false, error: 'channel closed before the message was written', transient: true },
  )
}

// amqplib fails pending confirms with "channel closed" when the link drops; a nack is a refusal.
const refusedOrLost = (error: Error): PublishOutcome =>
  /closed/i.test(String(error.message))
    ? { ok: false, error: `connection lost before the confirm: ${error.message}`, transient: true }
    : { ok: false, error: `broker refused: ${error.message}` }
