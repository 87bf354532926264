import type { Pinia } from 'pinia'
import type { UserDto } from '#layers/identity/contracts'
import { useBasketStore } from '~/layers/basket/stores/basket'
import { useSessionStore } from '~/layers/identity/stores/session'
import { useNotificationStore } from '~/layers/notification/stores/notifications'

/** `/api/v1/session`: each module's personal part. */
interface PersonalParts {
  identity?: { user: UserDto | null; csrfToken: string | null }
  basket?: { itemCount: number }
  notification?: { unread: number }
}

/**
 * A catalog page is the same for everyone, cached whatever the cookies, and rendered for nobody
 * (ADR 0012). Once the page has loaded, one small request fills in what is personal: who is signed
 * in (the header's account link), the CSRF token, the cart's count, the bell's.
 */
export default defineNuxtPlugin({
  name: 'shop:personal',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    nuxtApp.hook('app:mounted', async () => {
      let parts: PersonalParts
      try {
        parts = await $fetch<PersonalParts>('/api/v1/session')
      } catch (error) {
        // The page still works for a visitor; what is personal shows on the next page.
        console.warn('The personal part of the page could not be loaded.', error)
        return
      }
      const pinia = nuxtApp.$pinia as Pinia
      if (parts.identity) {
        const session = useSessionStore(pinia)
        session.user = parts.identity.user
        session.csrfToken = parts.identity.csrfToken
      }
      if (parts.basket) useBasketStore(pinia).itemCount = parts.basket.itemCount
      if (parts.notification) useNotificationStore(pinia).unread = parts.notification.unread
    })
  },
})
