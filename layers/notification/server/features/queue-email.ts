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

/** Queues an email nothing else waits on, and has it sent at once. */
export async function sendEmail(notification: Notification, request: EmailRequest): Promise<void> {
  if (await queueEmail(notification, notification.db, request)) notification.courier.wake()
}

/** An account's address as its email is written: in the shop's locale, as accounts carry none. */
export const recipient = (notification: Notification, email: string, firstName: string): Recipient => ({
  email,
  firstName,
  locale: notification.settings.defaultLocale,
})

/** Who an account's email goes to, or undefined when the account is gone. */
export async function recipientOf(notification: Notification, userId: string): Promise<Recipient | undefined> {
  const user = await (await notification.identity()).getUser(userId)
  return user && recipient(notification, user.email, user.firstName)
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
