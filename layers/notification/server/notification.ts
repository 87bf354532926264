import type { Logger } from 'pino'
import type { Infrastructure } from '#kernel/infrastructure'
import { resolveModule } from '#kernel/modules/registry'
import { IdentityModule } from '#layers/identity/contracts'
import { OrderingModule } from '#layers/ordering/contracts'
import type { NotificationSettings } from './config/notification-settings'
import type { EmailSender } from './domain/email'
import type { Shop } from './domain/email-templates'
import { courier, type Courier } from './infrastructure/courier'
import { notificationDb, type NotificationDb } from './infrastructure/database'
import { emailLog, type EmailLog } from './infrastructure/email-log'
import { liveHub, type LiveHub } from './infrastructure/live-hub'
import { mailboxSender } from './infrastructure/mailbox-sender'
import { sendgridSender } from './infrastructure/sendgrid-sender'
import { deliverDueEmails } from './features/deliver-emails'

/** Everything notification's features need, built once at start-up. */
export interface Notification {
  db: NotificationDb
  emails: EmailLog
  sender: EmailSender
  courier: Courier
  live: LiveHub
  shop: Shop
  settings: NotificationSettings
  identity(): Promise<IdentityModule>
  ordering(): Promise<OrderingModule>
  log: Logger
}

export function createNotification(
  infrastructure: Pick<Infrastructure, 'sql' | 'redis'>,
  settings: NotificationSettings,
  shop: Shop & { redisKeyPrefix: string },
  log: Logger,
): Notification {
  const db = notificationDb(infrastructure.sql)
  const sender = settings.sendgridApiKey
    ? sendgridSender({
        apiKey: settings.sendgridApiKey,
        apiUrl: settings.sendgridApiUrl,
        from: { email: settings.emailFrom, name: shop.name },
      })
    : mailboxSender(db)
  const redis = infrastructure.redis
  const notification: Notification = {
    db,
    emails: emailLog(db),
    sender,
    courier: courier(() => deliverDueEmails(notification), log),
    live: liveHub(redis.client, redis.duplicate(), `${shop.redisKeyPrefix}notification:live`, log),
    shop: { name: shop.name, publicUrl: shop.publicUrl },
    settings,
    identity: () => resolveModule(IdentityModule),
    ordering: () => resolveModule(OrderingModule),
    log,
  }
  return notification
}

let current: Promise<Notification> | undefined

export const setNotification = (notification: Promise<Notification>) => void (current = notification)

/** The notification context this process started; slices and consumers await it (Nitro does not await plugins). */
export function useNotification(): Promise<Notification> {
  if (!current) throw new Error('the notification plugin has not started')
  return current
}
