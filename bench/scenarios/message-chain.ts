import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'
import { createEnvelope } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import { claimInbox } from '#kernel/messaging/inbox'
import { withOutbox } from '#kernel/messaging/outbox'
import { ALL_CPUS, LOAD_CPU, pinProcess } from '../harness'
import { rig, type Rig } from './outbox-rig'

const ChainHop = defineMessage('bench.chain-hop.v1', z.object({ chain: z.int(), hop: z.int() }))

/**
 * A chain's step, as the checkout saga's handlers take theirs: claim the message in the inbox and
 * commit the next one to the outbox, in one transaction, and nothing else.
 */
function chainStep(r: Rig, hops: number, finished: (chain: number) => void): MessageHandler {
  return {
    name: 'bench.chain-step',
    messages: [ChainHop],
    async handle(envelope) {
      const { chain, hop } = envelope.payload as z.output<typeof ChainHop.payload>
      const last = await withOutbox(r.sql.db, r.schema, async (trx, emit) => {
        if (!(await claimInbox(trx, r.schema, 'bench.chain-step', envelope))) return false
        if (hop + 1 < hops) emit(createEnvelope(ChainHop, { chain, hop: hop + 1 }))
        return hop + 1 === hops
      })
      if (last) finished(chain)
    },
  }
}

/** Runs `work` on every core, as the app runs, then pins this process back to the load core. */
async function onEveryCore<T>(work: () => Promise<T>): Promise<T> {
  pinProcess(process.pid, ALL_CPUS)
  try {
    return await work()
  } finally {
    pinProcess(process.pid, LOAD_CPU)
  }
}

/**
 * What the bus alone gives a checkout: `chains` chains of `hops` messages, `concurrent` at a time,
 * each message committed in its own transaction and handled once (inbox) by a handler that commits
 * the next, as the saga does, through the real outbox, relay and RabbitMQ. Chains per second.
 */
export function messageChainRate(chains: number, concurrent: number, hops: number): Promise<number> {
  return onEveryCore(async () => {
    const waiting = new Map<number, () => void>()
    const r = await rig('chain', { consumer: (self) => chainStep(self, hops, (chain) => waiting.get(chain)?.()) })
    try {
      let next = 0
      const started = performance.now()
      await Promise.all(
        Array.from({ length: concurrent }, async () => {
          while (next < chains) {
            const chain = next++
            const finished = new Promise<void>((resolve) => waiting.set(chain, resolve))
            await withOutbox(r.sql.db, r.schema, async (_trx, emit) =>
              emit(createEnvelope(ChainHop, { chain, hop: 0 })),
            )
            await finished
            waiting.delete(chain)
          }
        }),
      )
      return Math.round((chains / ((performance.now() - started) / 1000)) * 10) / 10
    } finally {
      await r.close()
    }
  })
}
