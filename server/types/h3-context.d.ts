import type { Logger } from 'pino'

declare module 'h3' {
  interface H3EventContext {
    /** Set for every request by server/plugins/request-context.ts. */
    requestId: string
    /** The request's child logger, made on first use by loggerOf(event). */
    log?: Logger
    /** PUBLIC_URL, for absolute links in server-rendered pages. */
    publicUrl: string
  }
}

export {}
