import { defineStore } from 'pinia'
import type { UnreadCountDto } from '../contracts'

/**
 * The bell's count, and whose it is: the shell sets `userId` from identity's session, and the
 * live connection opens for that user (plugins/live.client.ts).
 */
export const useNotificationStore = defineStore('notifications', {
  state: () => ({ userId: null as string | null, unread: 0 }),
  actions: {
    /** Reads the count again; an expired access cookie is refreshed on the way. */
    async loadUnread() {
      this.unread = (await $fetch<UnreadCountDto>('/api/v1/notifications/unread-count')).unread
    },
  },
})
