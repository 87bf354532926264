import type { Logger } from 'pino'

declare module 'h3' {
  interface H3EventContext {
    /** Set for every request by server/plugins/request-context.ts. */
    requestId: string
    log: Logger
    /** PUBLIC_URL, for absolute links in server-rendered pages. */
    publicUrl: string
  }
}

export {}
