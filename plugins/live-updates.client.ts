import type { Pinia } from 'pinia'
import { useSessionStore } from '~/layers/identity/stores/session'
import { useNotificationStore } from '~/layers/notification/stores/notifications'

/** The live connection belongs to whoever identity says is signed in: the shell tells notification. */
export default defineNuxtPlugin({
  name: 'shop:live-updates',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const pinia = nuxtApp.$pinia as Pinia
    const session = useSessionStore(pinia)
    const notifications = useNotificationStore(pinia)
    watch(
      () => session.user?.id ?? null,
      (userId) => (notifications.userId = userId),
      { immediate: true },
    )
  },
})
