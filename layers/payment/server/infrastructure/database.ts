import type { ColumnType, Generated, Kysely } from 'kysely'
import { schemaDb, type SqlPort } from '#kernel/sql/sql-port'
import { PAYMENT_CONTEXT, type PaymentStatus } from '../../contracts'

export type RefundStatus = 'pending' | 'succeeded' | 'failed'

export interface PaymentDatabase {
  payments: {
    id: string
    order_id: string
    attempt: number
    user_id: string | null
    idempotency_key: string
    amount: number
    currency: string
    payment_method: string
    return_path: string
    intent_id: string | null
    status: PaymentStatus
    action_url: string | null
    failure_code: string | null
    failure_reason: string | null
    refunded: Generated<number>
    created_at: Generated<Date>
    updated_at: Generated<Date>
    completed_at: Date | null
  }
  refunds: {
    id: string
    payment_id: string
    order_id: string
    amount: number
    status: RefundStatus
    gateway_refund_id: string | null
    reason: string
    failure_code: string | null
    failure_reason: string | null
    created_at: Generated<Date>
    updated_at: Generated<Date>
  }
  gateway_events: {
    event_id: string
    type: string
    received_at: Generated<Date>
  }
  simulated_intents: {
    id: string
    amount: number
    currency: string
    payment_method: string
    status: string
    failure_code: string | null
    return_url: string
    amount_refunded: Generated<number>
    created_at: Generated<Date>
  }
  simulated_requests: {
    idempotency_key: string
    fingerprint: string
    /** jsonb: written as JSON text, read back parsed. */
    response: ColumnType<unknown, string, string>
    created_at: Generated<Date>
  }
}

export type PaymentDb = Kysely<PaymentDatabase>

export const paymentDb = (sql: SqlPort): PaymentDb => schemaDb<PaymentDatabase>(sql, PAYMENT_CONTEXT)
