import { defineNitroPlugin, useRuntimeConfig } from 'nitropack/runtime'
import { settings } from '#kernel/config/runtime'
import { InvalidSettingsError } from '#kernel/config/settings'
import { useInfrastructure } from '#kernel/infrastructure'
import { rootLogger } from '#kernel/log/logger'
import { registerHandler } from '#kernel/messaging/messaging'
import { currentUser } from '#kernel/auth/guard'
import { registerModule } from '#kernel/modules/registry'
import { registerPersonalPart } from '#kernel/personal/parts'
import { LIVE_MAX_MESSAGE_BYTES, NOTIFICATION_CONTEXT, NotificationModule } from '../../contracts'
import { parseNotificationSettings } from '../config/notification-settings'
import { orderUpdatesHandler } from '../consumers/order-updates'
import { welcomeEmailHandler } from '../consumers/welcome-email'
import { unreadCount } from '../features/in-app'
import { notificationModule } from '../module'
import { createNotification, setNotification, useNotification } from '../notification'

/**
 * Notification's start-up: its consumers join the bus, its module the registry; emails left
 * queued by a previous run go out, and sessions that end close their live connections.
 */
export default defineNitroPlugin((nitroApp) => {
  const log = rootLogger.child({ module: NOTIFICATION_CONTEXT })
  let notificationSettings
  try {
    notificationSettings = parseNotificationSettings(useRuntimeConfig() as unknown as Record<string, unknown>)
  } catch (error) {
    if (!(error instanceof InvalidSettingsError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG
  }
  // A client never needs to send more than a ping: the socket refuses a larger frame before buffering it.
  // (Nitro's Node server hands these options to crossws's Node adapter, whose type h3 does not know.)
  Object.assign(nitroApp.h3App.options, { websocket: { serverOptions: { maxPayload: LIVE_MAX_MESSAGE_BYTES } } })
  const notification = (async () => {
    const infrastructure = await useInfrastructure()
    const { publicUrl, redisKeyPrefix } = settings()
    const shopName = (useRuntimeConfig().public as { shopName: string }).shopName
    const context = createNotification(
      infrastructure,
      notificationSettings,
      { name: shopName, publicUrl, redisKeyPrefix: redisKeyPrefix ?? '' },
      log,
    )
    ;(await context.identity()).onSessionsEnded(({ userId, sessionId, keep }) => {
      context.live
        .endSessions(userId, sessionId, keep)
        .catch((error: unknown) => log.warn({ err: error }, 'ending live sessions failed'))
    })
    context.courier.wake()
    return context
  })()
  notification.catch((error: unknown) => {
    log.fatal({ err: error }, 'notification could not start')
    process.exit(1)
  })
  setNotification(notification)
  registerModule(NotificationModule, notificationModule(notification))
  // The bell's count, on every page.
  registerPersonalPart(NOTIFICATION_CONTEXT, async (event) => {
    const user = await currentUser(event)
    return user ? unreadCount(await notification, user.userId) : { unread: 0 }
  })
  registerHandler(orderUpdatesHandler(useNotification))
  registerHandler(welcomeEmailHandler(useNotification))
  nitroApp.hooks.hook('close', async () => {
    const context = await notification
    await Promise.all([context.courier.stop(), context.live.close()])
  })
})
