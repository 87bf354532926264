import type { Kysely } from 'kysely'
import type { OrderDto } from '#layers/ordering/contracts'
import type { EmailTemplate, OrderSummary, Recipient } from '../domain/email-templates'
import { renderEmail } from '../domain/templates/render-email'
import type { NotificationDatabase } from '../infrastructure/database'
import type { Notification } from '../notification'

export interface EmailRequest {
  /** Once per key: a second request with it queues nothing. */
  key: string
  userId: string | null
  recipient: Recipient
  message: EmailTemplate
}

/**
 * Renders the email and queues it in `trx`, with the work that caused it; the courier sends it
 * once that commits (`notification.courier.wake()`). True when it was not queued before.
 */
export async function queueEmail(
  notification: Notification,
  trx: Kysely<NotificationDatabase>,
  { key, userId, recipient, message }: EmailRequest,
): Promise<boolean> {
  const email = renderEmail(notification.shop, recipient, message)
  return notification.emails.queue(trx, { key, userId, template: message.template, email })
}

/** Who an account's email goes to, or undefined when the account is gone. */
export async function recipientOf(notification: Notification, userId: string): Promise<Recipient | undefined> {
  const user = await (await notification.identity()).getUser(userId)
  return user && { email: user.email, firstName: user.firstName, locale: notification.settings.defaultLocale }
}

/** An order as its emails quote it. */
export const orderSummary = (order: OrderDto): OrderSummary => ({
  id: order.id,
  number: order.number,
  placedAt: order.placedAt,
  lines: order.lines.map(({ name, variantName, quantity, unitPrice, lineTotal }) => ({
    name,
    variantName,
    quantity,
    unitPrice,
    lineTotal,
  })),
  subtotal: order.subtotal,
  shipping: order.shipping,
  total: order.total,
})
