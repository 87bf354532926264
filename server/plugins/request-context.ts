import { getHeader, getRequestURL, setResponseHeader } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { settings } from '../config/runtime'
import type { Logger } from 'pino'
import { rootLogger } from '../log/logger'
import { requestIdFrom } from '../http/request-id'

/**
 * Gives every request an id (echoed as `x-request-id`), a child logger, the shop's public URL (pages
 * build absolute links on it, never on a host name a proxy forwarded), and one access-log line.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    const requestId = requestIdFrom(getHeader(event, 'x-request-id'))
    event.context.requestId = requestId
    // Made on first use: most requests log nothing below the configured level.
    let log: Logger | undefined
    Object.defineProperty(event.context, 'log', {
      get: () => (log ??= rootLogger.child({ requestId })),
      set: (value: Logger) => void (log = value),
      enumerable: true,
      configurable: true,
    })
    event.context.startedAt = performance.now()
    event.context.publicUrl = settings().publicUrl
    setResponseHeader(event, 'x-request-id', requestId)
  })

  nitroApp.hooks.hook('afterResponse', (event) => {
    event.context.log?.info(
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
