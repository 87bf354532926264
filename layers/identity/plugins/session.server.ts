import type { Pinia } from 'pinia'
import { useSessionStore } from '../stores/session'

/**
 * Server-rendered pages start from the session the Nitro middleware (server/middleware/session.ts)
 * found in the request's cookies, so the header is right on first paint. Pinia then serializes the
 * store into the payload and the client resumes from it without asking the API.
 */
export default defineNuxtPlugin({
  name: 'identity:session',
  dependsOn: ['pinia'],
  setup(nuxtApp) {
    const session = useRequestEvent()?.context.session
    if (!session) return
    const store = useSessionStore(nuxtApp.$pinia as Pinia)
    store.user = session.user
    store.csrfToken = session.csrfToken
  },
})
