import { sql } from 'kysely'
import type { Ordering } from '../ordering'

/**
 * Keeps where the customer authenticates a pending payment (their bank's page, or the simulated
 * challenge), for the order's page to send them there. Not a move of the saga: the order waits
 * in PaymentPending until the payment's outcome comes.
 */
export async function notePaymentAction(ordering: Ordering, orderId: string, actionUrl: string): Promise<boolean> {
  const noted = await ordering.db
    .updateTable('orders')
    .set({ payment_action_url: actionUrl, updated_at: sql`now()` })
    .where('id', '=', orderId)
    .where('status', '=', 'PaymentPending')
    .executeTakeFirst()
  return noted.numUpdatedRows === 1n
}
