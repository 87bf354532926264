import type { Logger } from 'pino'

declare module 'h3' {
  interface H3EventContext {
    /** Set for every request by server/plugins/request-context.ts. */
    requestId: string
    log: Logger
  }
}

export {}
