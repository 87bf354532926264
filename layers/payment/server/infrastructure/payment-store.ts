import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { PaymentStatus } from '../../contracts'
import type { PaymentDatabase } from './database'

type Db = Kysely<PaymentDatabase> | Transaction<PaymentDatabase>
export type PaymentRow = Selectable<PaymentDatabase['payments']>
export type RefundRow = Selectable<PaymentDatabase['refunds']>

/** Records an attempt; undefined when the order's attempt was recorded before. */
export const insertPayment = (db: Db, payment: Insertable<PaymentDatabase['payments']>) =>
  db
    .insertInto('payments')
    .values(payment)
    .onConflict((oc) => oc.columns(['order_id', 'attempt']).doNothing())
    .returningAll()
    .executeTakeFirst()

/** The payment, locked until the transaction ends: every change of a payment is made under its lock. */
export function lockPayment(
  trx: Transaction<PaymentDatabase>,
  by: { id: string } | { orderId: string; attempt: number },
) {
  const query = trx.selectFrom('payments').selectAll().forUpdate()
  return (
    'id' in by
      ? query.where('id', '=', by.id)
      : query.where('order_id', '=', by.orderId).where('attempt', '=', by.attempt)
  ).executeTakeFirst()
}

/** The payment a gateway's event is about: by its intent, or by the payment id the intent carries. */
export const lockPaymentOfIntent = (trx: Transaction<PaymentDatabase>, intentId: string, paymentId: string | null) =>
  trx
    .selectFrom('payments')
    .selectAll()
    .where((eb) =>
      paymentId ? eb.or([eb('intent_id', '=', intentId), eb('id', '=', paymentId)]) : eb('intent_id', '=', intentId),
    )
    .forUpdate()
    .executeTakeFirst()

/** The order's payment that took money, if one did (an order pays once; later attempts follow failures). */
export const lockCapturedPayment = (trx: Transaction<PaymentDatabase>, orderId: string) =>
  trx
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('status', 'in', ['succeeded', 'partially_refunded', 'refunded'])
    .orderBy('attempt', 'desc')
    .forUpdate()
    .executeTakeFirst()

export const latestPayment = (db: Db, orderId: string) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('attempt', 'desc')
    .limit(1)
    .executeTakeFirst()

export const updatePayment = (
  trx: Transaction<PaymentDatabase>,
  id: string,
  change: Partial<Omit<PaymentRow, 'id' | 'created_at'>>,
) =>
  trx
    .updateTable('payments')
    .set({ ...change, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/** Payments still waiting for the gateway's word, untouched since `before`. */
export const unsettledPayments = (db: Db, before: Date, limit: number) =>
  db
    .selectFrom('payments')
    .selectAll()
    .where('status', 'in', ['processing', 'requires_action'] satisfies PaymentStatus[])
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute()

export const findPayment = (db: Db, id: string) =>
  db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst()

export const findRefund = (db: Db, id: string) =>
  db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst()

export function lockRefund(trx: Transaction<PaymentDatabase>, by: { id: string } | { gatewayRefundId: string }) {
  const query = trx.selectFrom('refunds').selectAll().forUpdate()
  return (
    'id' in by ? query.where('id', '=', by.id) : query.where('gateway_refund_id', '=', by.gatewayRefundId)
  ).executeTakeFirst()
}

/** What is refunded or being refunded of a payment: the part no new refund may take again. */
export async function committedRefunds(trx: Transaction<PaymentDatabase>, payment: PaymentRow): Promise<number> {
  const pending = await trx
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.lit(0)).as('total'))
    .where('payment_id', '=', payment.id)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(payment.refunded) + Number(pending.total)
}

export const insertRefund = (trx: Transaction<PaymentDatabase>, refund: Insertable<PaymentDatabase['refunds']>) =>
  trx.insertInto('refunds').values(refund).returningAll().executeTakeFirstOrThrow()

export const updateRefund = (
  trx: Transaction<PaymentDatabase>,
  id: string,
  change: Partial<Omit<RefundRow, 'id' | 'created_at'>>,
) =>
  trx
    .updateTable('refunds')
    .set({ ...change, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

export const pendingRefunds = (db: Db, before: Date, limit: number) =>
  db
    .selectFrom('refunds')
    .selectAll()
    .where('status', '=', 'pending')
    .where('updated_at', '<', before)
    .orderBy('updated_at')
    .limit(limit)
    .execute()

/** Records a gateway event as applied; false when it was applied before. */
export async function claimGatewayEvent(trx: Transaction<PaymentDatabase>, event: { id: string; type: string }) {
  const claimed = await trx
    .insertInto('gateway_events')
    .values({ event_id: event.id, type: event.type })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst()
  return claimed !== undefined
}
