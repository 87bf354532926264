import { getHeader, setResponseHeader } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { logRequest } from '../log/access-log'
import { requestIdFrom } from '../http/request-id'

/**
 * Gives every request an id (echoed as `x-request-id`, carried by loggerOf(event)), the shop's public URL (pages
 * build absolute links on it, never on a host name a proxy forwarded), and one access-log line.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    // A personal read in the front lane that left the request to the app has already named it.
    const requestId = (event.context.requestId ??= requestIdFrom(getHeader(event, 'x-request-id')))
    event.context.startedAt = performance.now()
    event.context.publicUrl = settings().publicUrl
    setResponseHeader(event, 'x-request-id', requestId)
  })

  nitroApp.hooks.hook('afterResponse', (event) => {
    logRequest({
      requestId: event.context.requestId,
      method: event.method,
      path: (event.node.req.originalUrl ?? event.node.req.url ?? '/').split('?', 1)[0]!,
      status: event.node.res.statusCode,
      startedAt: event.context.startedAt as number,
    })
  })
})
