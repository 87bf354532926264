import type { Pinia } from 'pinia'
import { useToast } from '~/composables/useToast'
import { PROCESSING_STATUSES, STATUS_LABELS } from '#layers/ordering/contracts'
import { LIVE_CONNECTED_STATE, LIVE_PATH, ORDER_STATUS_CHANGED, type LiveMessage } from '../contracts'
import type {} from '../contracts/page-hooks'
import { liveSocket } from '../composables/live-socket'
import { useNotificationStore } from '../stores/notifications'

/** How old a move may be and still be announced: kept messages arrive when the shopper comes back. */
const NEWS_MS = 5 * 60_000

/**
 * The signed-in shopper's live connection, open on every page while they are signed in: an order
 * that moves updates the bell, says so in a toast, and tells the pages (the
 * `notification:live-message` hook) so the order page and the history redraw without polling.
 */
export default defineNuxtPlugin({
  name: 'notification:live',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const pinia = nuxtApp.$pinia as Pinia
    const notifications = useNotificationStore(pinia)
    const toast = useToast()
    const connected = useState<boolean>(LIVE_CONNECTED_STATE, () => false)

    async function received(text: string) {
      let message: LiveMessage
      try {
        message = JSON.parse(text) as LiveMessage
      } catch {
        return console.warn('An unreadable live message was ignored.')
      }
      if (message.type !== ORDER_STATUS_CHANGED) return
      await nuxtApp.callHook('notification:live-message', message)
      // Steps while the shop works on an order are for its page; news kept for days is for the bell.
      if (PROCESSING_STATUSES.has(message.newStatus) || Date.now() - Date.parse(message.occurredAt) > NEWS_MS) return
      void toast.show(`Order ${message.orderNumber}: ${STATUS_LABELS[message.newStatus]}`, {
        tone: message.newStatus === 'Cancelled' ? 'error' : 'success',
      })
      await notifications.loadUnread().catch(() => {})
    }

    const socket = liveSocket({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LIVE_PATH}`,
      onMessage: (text) => void received(text),
      onState: (open) => (connected.value = open),
      // An ordinary request refreshes an expired access cookie, which the upgrade cannot do.
      async beforeReconnect() {
        try {
          await notifications.loadUnread()
          return true
        } catch (error) {
          return (error as { statusCode?: number }).statusCode !== 401
        }
      },
    })
    watch(
      () => notifications.userId,
      (userId) => {
        socket.close()
        if (userId) socket.open()
      },
      { immediate: true },
    )
  },
})
