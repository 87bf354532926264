import type { H3Event } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { isHttps } from '../config/settings'
import { answerInFront, privateJson, registerPersonalRead } from '../front-lane/front-lane'
import { securityHeadersFor } from '../http/security-headers'
import { personalParts } from '../personal/parts'

/**
 * Puts the front lane ahead of Nitro's request handling: a GET that a registered read can answer
 * (a cached page or product from memory, a shopper's cart or profile) is answered before hooks,
 * middleware and routing run, which cost more than the answer itself (ADRs 0009 and 0013).
 * Everything else goes on to the app unchanged.
 */
export default defineNitroPlugin((nitroApp) => {
  const app = nitroApp.h3App
  const next = app.handler
  // What every page asks for once it has loaded (server/api/v1/session.get.ts).
  registerPersonalRead('/api/v1/session', async (event) => privateJson(await personalParts(event)))
  const securityHeaders = (path: string) => securityHeadersFor(path, isHttps(settings().publicUrl)).flat
  // The node listener reads `app.handler` on every request; the wrapper keeps h3's own marks on it.
  app.handler = Object.assign((event: H3Event) => {
    const answered = answerInFront(event.node.req, event.node.res, securityHeaders, event)
    if (answered === true) return undefined
    if (answered === false) return next(event)
    return answered.then((done) => (done ? undefined : next(event)))
  }, next)
})
