import type { H3Event } from 'h3'
import { pino, type Logger } from 'pino'

/** One JSON line per event on stdout; secrets never reach it (see the redact list). */
export const rootLogger: Logger = pino({
  level: 'info',
  base: { service: 'shop' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ['*.password', '*.token', '*.refreshToken', '*.accessToken', '*.authorization', '*.cookie'],
    censor: '[redacted]',
  },
})

/** The request's child logger (carries `requestId`), or the root logger outside a request. */
export const loggerOf = (event?: H3Event): Logger =>
  event ? (event.context.log ??= rootLogger.child({ requestId: event.context.requestId })) : rootLogger
