import type { Logger } from 'pino'
import type { Envelope } from '../../contracts/messaging'
import { deliver, recordDead } from '../delivery'
import { bindingKeysOf, DEFAULT_RETRY_DELAYS_MS, matchesBinding, retryDelayFor, type MessageHandler } from '../handler'
import type { DeadLetterSink, Transport } from '../transport'

interface Delivery {
  content: string
  attempt: number
}

export interface InProcessOptions {
  deadLetters: DeadLetterSink
  log: Logger
  retryDelaysMs?: number[]
  /** Deliveries in flight per handler, like a RabbitMQ prefetch. */
  prefetch?: number
}

/**
 * The bus when no broker is configured: same contract as RabbitMQ (at-least-once, retries with
 * growing delays, dead letters), within one process. Messages waiting here are lost if the
 * process dies, which is why production runs RabbitMQ.
 */
export function createInProcessTransport(options: InProcessOptions): Transport {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
  const prefetch = options.prefetch ?? 32
  const queues = new Map<string, { handler: MessageHandler; waiting: Delivery[]; active: number }>()
  const timers = new Set<NodeJS.Timeout>()
  let closed = false

  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      work()
    }, ms)
    timers.add(timer)
  }

  function enqueue(name: string, delivery: Delivery) {
    const queue = queues.get(name)
    if (!queue || closed) return
    queue.waiting.push(delivery)
    pump(name)
  }

  function pump(name: string) {
    const queue = queues.get(name)!
    while (!closed && queue.active < prefetch && queue.waiting.length) {
      const delivery = queue.waiting.shift()!
      queue.active++
      void process(queue.handler, delivery).finally(() => {
        queue.active--
        pump(name)
      })
    }
  }

  async function process(handler: MessageHandler, delivery: Delivery) {
    try {
      const verdict = await deliver(handler, delivery.content, delivery.attempt, options.log)
      if (verdict.kind === 'retry') {
        later(retryDelayFor(delivery.attempt, delays), () =>
          enqueue(handler.name, { content: delivery.content, attempt: verdict.attempt }),
        )
      } else if (verdict.kind === 'dead') {
        await recordDead(options.deadLetters, handler.name, delivery.content, verdict.reason, delivery.attempt)
      }
    } catch (error) {
      // Recording the dead letter failed: deliver again later rather than lose the message.
      options.log.error({ err: error, handler: handler.name }, 'delivery bookkeeping failed; retrying')
      later(delays[0]!, () => enqueue(handler.name, delivery))
    }
  }

  return {
    kind: 'embedded',
    ready: async () => {},
    async publish(envelopes: Envelope[]) {
      for (const envelope of envelopes) {
        const content = JSON.stringify(envelope)
        for (const { handler } of queues.values()) {
          if (bindingKeysOf(handler).some((binding) => matchesBinding(binding, envelope.type))) {
            enqueue(handler.name, { content, attempt: 1 })
          }
        }
      }
      return envelopes.map(() => ({ ok: true as const }))
    },
    subscribe(handler) {
      if (queues.has(handler.name)) throw new Error(`a handler named ${handler.name} is already subscribed`)
      queues.set(handler.name, { handler, waiting: [], active: 0 })
    },
    start: async () => {},
    async redeliver(handlerName, envelope) {
      if (!queues.has(handlerName)) throw new Error(`no handler named ${handlerName}`)
      enqueue(handlerName, { content: JSON.stringify(envelope), attempt: 1 })
    },
    probe: async () => {},
    async close() {
      closed = true
      for (const timer of timers) clearTimeout(timer)
    },
  }
}
