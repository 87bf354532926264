import type { H3Event } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { isHttps } from '../config/settings'
import { answerInFront } from '../front-lane/front-lane'
import { securityHeadersFor } from '../http/security-headers'

/**
 * Puts the front lane ahead of Nitro's request handling: an anonymous GET that a registered read
 * can answer from memory (a cached page, a cached product) is answered before hooks, middleware
 * and routing run, which cost more than the answer itself (ADR 0009). Everything else goes on to
 * the app unchanged.
 */
export default defineNitroPlugin((nitroApp) => {
  const app = nitroApp.h3App
  const next = app.handler
  const securityHeaders = (path: string) => securityHeadersFor(path, isHttps(settings().publicUrl)).flat
  // The node listener reads `app.handler` on every request; the wrapper keeps h3's own marks on it.
  app.handler = Object.assign(
    (event: H3Event) => (answerInFront(event.node.req, event.node.res, securityHeaders) ? undefined : next(event)),
    next,
  )
})
