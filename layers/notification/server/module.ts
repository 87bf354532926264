import type { NotificationModule } from '../contracts'
import { sendAccountEmail } from './features/account-emails'
import type { Notification } from './notification'

/** Notification's in-process interface, over its features; the plugin registers it. */
export const notificationModule = (notification: Promise<Notification>): NotificationModule => ({
  sendAccountEmail: async (email) => sendAccountEmail(await notification, email),
})
