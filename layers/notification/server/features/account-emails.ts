import type { AccountEmail } from '../../contracts'
import type { Notification } from '../notification'
import { queueEmail } from './queue-email'

/** The welcome, once per registration event (its id is the email's key). */
export async function sendWelcome(
  notification: Notification,
  messageId: string,
  user: { userId: string; email: string; firstName: string },
): Promise<void> {
  const queued = await queueEmail(notification, notification.db, {
    key: `${messageId}:welcome`,
    userId: user.userId,
    recipient: { email: user.email, firstName: user.firstName, locale: notification.settings.defaultLocale },
    message: { template: 'welcome' },
  })
  if (queued) notification.courier.wake()
}

/** Identity's emails (confirm the address, reset the password), with their secret links. */
export async function sendAccountEmail(notification: Notification, email: AccountEmail): Promise<void> {
  const queued = await queueEmail(notification, notification.db, {
    key: email.key,
    userId: email.userId,
    recipient: { email: email.to, firstName: email.firstName, locale: notification.settings.defaultLocale },
    message: { template: email.template, link: email.link },
  })
  if (queued) notification.courier.wake()
}
