import { useSessionStore } from '~/layers/identity/stores/session'

/** A page only a signed-in customer may see: anyone else goes to sign in (a redirect on the server) and comes back after. */
export default defineNuxtRouteMiddleware((to) => {
  if (!useSessionStore().signedIn) return navigateTo({ path: '/login', query: { returnTo: to.fullPath } })
})
