import type { AccountEmail } from '../../contracts'
import type { Notification } from '../notification'
import { recipient, sendEmail } from './queue-email'

/** The welcome, once per registration event (its id is the email's key). */
export const sendWelcome = (
  notification: Notification,
  messageId: string,
  user: { userId: string; email: string; firstName: string },
) =>
  sendEmail(notification, {
    key: `${messageId}:welcome`,
    userId: user.userId,
    recipient: recipient(notification, user.email, user.firstName),
    message: { template: 'welcome' },
  })

/** Identity's emails (confirm the address, reset the password), with their secret links. */
export const sendAccountEmail = (notification: Notification, email: AccountEmail) =>
  sendEmail(notification, {
    key: email.key,
    userId: email.userId,
    recipient: recipient(notification, email.to, email.firstName),
    message: { template: email.template, link: email.link },
  })
