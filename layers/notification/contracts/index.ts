import type { z } from 'zod'
import { moduleToken } from '#kernel/contracts/module'
import type { OrderStatus } from '#layers/ordering/contracts'
import type * as api from './api'

/**
 * The public face of the notification context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const NOTIFICATION_CONTEXT = 'notification' as const

/** Where a browser or an API client opens its live connection. */
export const LIVE_PATH = '/api/v1/notifications/ws'

/** The page state (`useState`) that says whether the live connection is open: pages poll while it is not. */
export const LIVE_CONNECTED_STATE = 'notification:live-connected'

export const ORDER_STATUS_CHANGED = 'OrderStatusChanged' as const

/** What the live connection sends when one of the user's orders moves. */
export interface OrderStatusChangedMessage {
  type: typeof ORDER_STATUS_CHANGED
  orderId: string
  orderNumber: string
  newStatus: OrderStatus
  occurredAt: string
}

export type LiveMessage = OrderStatusChangedMessage

/** Bounds on what a client may send on its live connection (it needs to send nothing but pings). */
export const LIVE_MAX_MESSAGE_BYTES = 1_024
export const LIVE_MAX_MESSAGES_PER_MINUTE = 60

export const NOTIFICATION_PAGE_SIZE = 20
export const MAX_NOTIFICATION_PAGE = 100

export type NotificationDto = z.infer<typeof api.notificationDto>
export type NotificationPageDto = z.infer<typeof api.notificationPageDto>
export type UnreadCountDto = z.infer<typeof api.unreadCountDto>
export type MailboxPageDto = z.infer<typeof api.mailboxPageDto>

/** The emails identity sends, each with its secret link. */
export interface AccountEmail {
  /** Once per key: the same key again sends nothing. */
  key: string
  userId: string
  to: string
  firstName: string
  template: 'confirm-email' | 'password-reset'
  link: string
}

/** What other contexts may ask notification in-process. */
export interface NotificationModule {
  /** Queues the email and sends it soon, retrying when the provider is busy; resolves once it is queued. */
  sendAccountEmail(email: AccountEmail): Promise<void>
}
export const NotificationModule = moduleToken<NotificationModule>(NOTIFICATION_CONTEXT)
