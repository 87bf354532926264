import { getHeader, getRequestURL, setResponseHeader } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import { loggerOf, rootLogger } from '../log/logger'
import { requestIdFrom } from '../http/request-id'

/**
 * Gives every request an id (echoed as `x-request-id`, carried by loggerOf(event)), the shop's public URL (pages
 * build absolute links on it, never on a host name a proxy forwarded), and one access-log line.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    const requestId = requestIdFrom(getHeader(event, 'x-request-id'))
    event.context.requestId = requestId
    event.context.startedAt = performance.now()
    event.context.publicUrl = settings().publicUrl
    setResponseHeader(event, 'x-request-id', requestId)
  })

  nitroApp.hooks.hook('afterResponse', (event) => {
    // Checked first: loggerOf would make the request's child logger for nothing.
    if (!rootLogger.isLevelEnabled('info')) return
    loggerOf(event).info(
      {
        method: event.method,
        path: getRequestURL(event).pathname,
        status: event.node.res.statusCode,
        ms: Math.round((performance.now() - (event.context.startedAt as number)) * 10) / 10,
      },
      'request',
    )
  })
})
