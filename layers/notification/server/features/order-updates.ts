import type { z } from 'zod'
import { claimInbox } from '#kernel/messaging/inbox'
import type { Kysely } from 'kysely'
import { inTransaction } from '#kernel/sql/transaction'
import type { OrderDto } from '#layers/ordering/contracts'
import type { OrderCancelled, OrderStatusChanged } from '#layers/ordering/contracts/events'
import { v7 as uuidv7 } from 'uuid'
import { ORDER_STATUS_CHANGED, type OrderStatusChangedMessage } from '../../contracts'
import type { EmailTemplate } from '../domain/email-templates'
import type { NotificationDatabase } from '../infrastructure/database'
import { emailOfCancellation, emailOfStatus, noticeOfStatus } from '../domain/order-notices'
import type { Notification } from '../notification'
import { orderSummary, queueEmail, recipientOf, type EmailRequest } from './queue-email'

type StatusChange = z.output<typeof OrderStatusChanged.payload>
type Cancellation = z.output<typeof OrderCancelled.payload>

/**
 * One move of an order, told to its customer once: an in-app notice when the move matters to
 * them, its email when it has one (both with the inbox claim, in one transaction), then the live
 * message to their open pages, or to their offline list.
 */
export async function tellOrderStatusChange(
  notification: Notification,
  handler: string,
  messageId: string,
  change: StatusChange,
): Promise<void> {
  const notice = noticeOfStatus(change.newStatus, change.orderNumber, change.reason)
  const email = await orderEmail(notification, change, emailOfStatus(change.newStatus))
  const told = await inTransaction(notification.db, async (trx) => {
    if (!(await claimInbox(trx, 'notification', handler, { id: messageId }))) return undefined
    if (notice)
      await trx
        .insertInto('notifications')
        .values({
          id: uuidv7(),
          user_id: change.userId,
          kind: 'order-status',
          title: notice.title,
          body: notice.body,
          link: `/account/orders/${change.orderId}`,
          order_id: change.orderId,
        })
        .execute()
    if (email) await queueEmail(notification, trx, { key: `${messageId}:${email.message.template}`, ...email })
    return { latest: await isLatestMove(trx, change.orderId, change.occurredAt) }
  })
  if (!told) return notification.log.debug({ messageId, handler }, 'order update already told: a redelivery')
  if (email) notification.courier.wake()
  if (!told.latest)
    return notification.log.debug({ messageId, orderId: change.orderId }, 'a later move was told live already')
  const message: OrderStatusChangedMessage = {
    type: ORDER_STATUS_CHANGED,
    orderId: change.orderId,
    orderNumber: change.orderNumber,
    newStatus: change.newStatus,
    occurredAt: change.occurredAt,
  }
  await notification.live.deliver(change.userId, message)
}

/**
 * Records `occurredAt` as the order's latest move told live, unless a later one was: consumers
 * take messages side by side, so the moves of an order may arrive out of order.
 */
async function isLatestMove(trx: Kysely<NotificationDatabase>, orderId: string, occurredAt: string) {
  const moved = await trx
    .insertInto('order_progress')
    .values({ order_id: orderId, occurred_at: new Date(occurredAt) })
    .onConflict((conflict) =>
      conflict
        .column('order_id')
        .doUpdateSet({ occurred_at: (row) => row.ref('excluded.occurred_at') })
        .where('order_progress.occurred_at', '<', (row) => row.ref('excluded.occurred_at')),
    )
    .executeTakeFirst()
  return moved.numInsertedOrUpdatedRows === 1n
}

/** A cancellation's email says why: out of stock, payment failed or timed out, or asked for. */
export async function tellOrderCancelled(
  notification: Notification,
  handler: string,
  messageId: string,
  cancellation: Cancellation,
): Promise<void> {
  const email = await orderEmail(notification, cancellation, emailOfCancellation(cancellation.reason))
  if (!email) return
  const queued = await inTransaction(notification.db, async (trx) => {
    if (!(await claimInbox(trx, 'notification', handler, { id: messageId }))) return false
    return queueEmail(notification, trx, { key: `${messageId}:${email.message.template}`, ...email })
  })
  if (!queued) return notification.log.debug({ messageId, handler }, 'order update already told: a redelivery')
  notification.courier.wake()
}

async function orderEmail(
  notification: Notification,
  event: { orderId: string; userId: string; occurredAt?: string },
  template: EmailTemplate['template'] | undefined,
): Promise<Omit<EmailRequest, 'key'> | undefined> {
  if (!template) return undefined
  const [recipient, order] = await Promise.all([
    recipientOf(notification, event.userId),
    (await notification.ordering()).getOrder(event.orderId),
  ])
  if (!recipient || !order) return undefined
  return { userId: event.userId, recipient, message: orderTemplate(template, order, event.occurredAt) }
}

function orderTemplate(
  template: EmailTemplate['template'],
  order: OrderDto,
  at = new Date().toISOString(),
): EmailTemplate {
  const summary = orderSummary(order)
  switch (template) {
    case 'shipped':
      return { template, order: summary, ...order.shipment!, occurredAt: at }
    case 'delivered':
      return { template, order: summary, occurredAt: at }
    case 'refund-completed':
      return { template, order: summary, refunded: order.total }
    case 'payment-failed':
      return { template, order: summary, reason: order.statusNote }
    case 'order-confirmed':
    case 'out-of-stock':
    case 'payment-timed-out':
    case 'order-cancelled':
    case 'return-confirmed':
      return { template, order: summary }
    default:
      throw new Error(`${template} is not an order's email`)
  }
}
