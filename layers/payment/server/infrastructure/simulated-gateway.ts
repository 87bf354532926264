import { createHash, randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { inTransaction } from '#kernel/sql/transaction'
import {
  IdempotencyMismatchError,
  type ChargeState,
  type GatewayEvent,
  type PaymentGateway,
  type RefundState,
} from '../domain/gateway'
import { behaviourOf } from '../domain/test-cards'
import type { PaymentDatabase, PaymentDb } from './database'

type Trx = Transaction<PaymentDatabase>
type IntentRow = PaymentDatabase['simulated_intents']

/** What the simulated challenge page offers: authenticate, or fail to. */
export type ChallengeOutcome = 'complete' | 'fail'

export interface SimulatedIntent {
  id: string
  amount: number
  currency: string
  status: ChargeState['status']
  returnUrl: string
}

export interface SimulatedGateway extends PaymentGateway {
  intent(intentId: string): Promise<SimulatedIntent | undefined>
  /** The customer's answer to the challenge, as the event Stripe would send about it (undefined: no such intent). */
  authenticate(intentId: string, outcome: ChallengeOutcome): Promise<GatewayEvent | undefined>
}

const newId = (prefix: string) => `${prefix}_sim_${randomBytes(12).toString('hex')}`
const fingerprintOf = (request: object) => createHash('sha256').update(JSON.stringify(request)).digest('base64url')

function stateOf(intent: Pick<IntentRow, 'id' | 'status' | 'failure_code'>, actionUrl: string): ChargeState {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', intentId: intent.id }
    case 'requires_action':
      return { status: 'requires_action', intentId: intent.id, actionUrl }
    default:
      return { status: 'failed', intentId: intent.id, code: intent.failure_code ?? 'card_declined' }
  }
}

/**
 * Stripe's test mode, kept in the payment schema: Stripe's test payment methods behave as they do
 * there (ADR 0014), requests are idempotent by key (the saved answer replayed, a key reused with
 * other parameters refused), and authentication happens on the shop's own challenge page.
 */
export function simulatedGateway(db: PaymentDb, publicUrl: string): SimulatedGateway {
  const challengeUrl = (intentId: string) => new URL(`/payments/simulated/${intentId}`, publicUrl).href

  /** Runs `work` once per key: a repeat answers the saved answer; a concurrent one waits for it. */
  async function idempotent<T>(key: string, request: object, work: (trx: Trx) => Promise<T>): Promise<T> {
    const fingerprint = fingerprintOf(request)
    return inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto('simulated_requests')
        .values({ idempotency_key: key, fingerprint, response: 'null' })
        .onConflict((oc) => oc.doNothing())
        .returning('idempotency_key')
        .executeTakeFirst()
      if (!claimed) {
        const saved = await trx
          .selectFrom('simulated_requests')
          .select(['fingerprint', 'response'])
          .where('idempotency_key', '=', key)
          .executeTakeFirstOrThrow()
        if (saved.fingerprint !== fingerprint)
          throw new IdempotencyMismatchError(
            `Keys for idempotent requests can only be used with the same parameters: ${key}`,
          )
        return saved.response as T
      }
      const response = await work(trx)
      await trx
        .updateTable('simulated_requests')
        .set({ response: JSON.stringify(response) })
        .where('idempotency_key', '=', key)
        .execute()
      return response
    })
  }

  const lockIntent = (trx: Trx, intentId: string) =>
    trx.selectFrom('simulated_intents').selectAll().where('id', '=', intentId).forUpdate().executeTakeFirst()

  return {
    kind: 'simulated',
    charge(request) {
      const { idempotencyKey, ...parameters } = request
      return idempotent(`${idempotencyKey}-charge`, parameters, async (trx) => {
        const behaviour = behaviourOf(request.paymentMethod)
        if (behaviour.outcome === 'unknown')
          return { status: 'failed', intentId: null, code: 'payment_method_unknown' } satisfies ChargeState
        const intent = {
          id: newId('pi'),
          amount: request.amount,
          currency: request.currency,
          payment_method: request.paymentMethod,
          status:
            behaviour.outcome === 'succeeds'
              ? 'succeeded'
              : behaviour.outcome === 'authenticates'
                ? 'requires_action'
                : 'requires_payment_method',
          failure_code: behaviour.outcome === 'declined' ? behaviour.code : null,
          return_url: request.returnUrl,
        }
        await trx.insertInto('simulated_intents').values(intent).execute()
        return stateOf(intent, challengeUrl(intent.id))
      })
    },
    async retrieve(intentId) {
      const intent = await db.selectFrom('simulated_intents').selectAll().where('id', '=', intentId).executeTakeFirst()
      if (!intent) return { status: 'failed', intentId, code: 'payment_method_unknown' }
      return stateOf(intent, challengeUrl(intentId))
    },
    cancel(intentId, idempotencyKey) {
      return idempotent(idempotencyKey, { intentId }, async (trx) => {
        const intent = await lockIntent(trx, intentId)
        if (!intent) return { status: 'failed', intentId, code: 'canceled' } satisfies ChargeState
        if (intent.status !== 'requires_action') return stateOf(intent, challengeUrl(intentId))
        const cancelled = { ...intent, status: 'canceled', failure_code: 'authentication_abandoned' }
        await trx.updateTable('simulated_intents').set(cancelled).where('id', '=', intentId).execute()
        return stateOf(cancelled, challengeUrl(intentId))
      })
    },
    refund(request) {
      const { idempotencyKey, ...parameters } = request
      return idempotent(idempotencyKey, parameters, async (trx): Promise<RefundState> => {
        const intent = await lockIntent(trx, request.intentId)
        if (!intent || intent.status !== 'succeeded')
          return { status: 'failed', gatewayRefundId: null, code: 'charge_not_captured' }
        if (request.amount > intent.amount - Number(intent.amount_refunded))
          return { status: 'failed', gatewayRefundId: null, code: 'amount_too_large' }
        await trx
          .updateTable('simulated_intents')
          .set((eb) => ({ amount_refunded: eb('amount_refunded', '+', request.amount) }))
          .where('id', '=', intent.id)
          .execute()
        return { status: 'succeeded', gatewayRefundId: newId('re') }
      })
    },
    async retrieveRefund(gatewayRefundId) {
      const saved = await db
        .selectFrom('simulated_requests')
        .select('response')
        .where(sql<string>`response->>'gatewayRefundId'`, '=', gatewayRefundId)
        .executeTakeFirst()
      return (
        (saved?.response as RefundState | undefined) ?? { status: 'failed', gatewayRefundId, code: 'refund_unknown' }
      )
    },
    async intent(intentId) {
      const intent = await db.selectFrom('simulated_intents').selectAll().where('id', '=', intentId).executeTakeFirst()
      if (!intent) return undefined
      return {
        id: intent.id,
        amount: intent.amount,
        currency: intent.currency,
        status: stateOf(intent, '').status,
        returnUrl: intent.return_url,
      }
    },
    authenticate(intentId, outcome) {
      return inTransaction(db, async (trx) => {
        const intent = await lockIntent(trx, intentId)
        if (!intent) return undefined
        if (intent.status === 'requires_action') {
          intent.status = outcome === 'complete' ? 'succeeded' : 'requires_payment_method'
          intent.failure_code = outcome === 'complete' ? null : 'authentication_failed'
          await trx.updateTable('simulated_intents').set(intent).where('id', '=', intentId).execute()
        }
        const state = stateOf(intent, challengeUrl(intentId))
        // One event per intent's settlement, as Stripe sends: answering twice sends the same event again.
        return {
          id: `evt_sim_${intentId}_${state.status}`,
          type: state.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
          about: 'charge' as const,
          intentId,
          paymentId: null,
          state,
        }
      })
    },
  }
}
