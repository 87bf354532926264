import type { LiveMessage } from './index'

/**
 * What notification's live connection announces in the browser: a Nuxt hook each, so the pages
 * that care (an order, the order history, the bell) listen without knowing the socket.
 */
declare module '#app' {
  interface RuntimeNuxtHooks {
    /** A message arrived on the live connection. */
    'notification:live-message': (message: LiveMessage) => void
  }
}

export {}
