import { useSessionStore } from '~/layers/identity/stores/session'

/** A page for the shop's admins: anyone else signs in first, and a signed-in customer is told it is not theirs. */
export default defineNuxtRouteMiddleware((to) => {
  const session = useSessionStore()
  if (!session.signedIn) return navigateTo({ path: '/login', query: { returnTo: to.fullPath } })
  if (!session.isAdmin) throw createError({ statusCode: 403, statusMessage: 'This page is for the shop’s admins.' })
})
