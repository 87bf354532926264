import WebSocket from 'ws'
import type { LiveMessage } from '#layers/notification/contracts'

/** A live connection as a test holds it: what arrived, and how it ended. */
export interface TestSocket {
  messages: LiveMessage[]
  /** When each message arrived (Date.now()), in the same order. */
  arrivals: number[]
  closed: Promise<{ code: number; reason: string }>
  /** How many pings the server answered. */
  pongs(): number
  send(text: string): void
  close(): void
}

const wsUrl = (app: { url: string }) => `${app.url.replace(/^http/, 'ws')}/api/v1/notifications/ws`

/**
 * Opens the live connection of the app at `app.url` with these headers (a bearer token, a cookie,
 * an Origin), once the server has accepted it.
 */
export function openLive(app: { url: string }, headers: Record<string, string>): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(app), { headers })
    const messages: LiveMessage[] = []
    const arrivals: number[] = []
    let pongs = 0
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    )
    socket.on('message', (data) => {
      const text = data.toString()
      if (text === 'pong') return void pongs++
      arrivals.push(Date.now())
      messages.push(JSON.parse(text) as LiveMessage)
    })
    socket.on('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk))
      response.on('end', () =>
        reject(new RefusedUpgrade(response.statusCode ?? 0, response.headers['content-type'], body)),
      )
    })
    socket.on('error', reject)
    socket.on('open', () =>
      resolve({
        messages,
        arrivals,
        closed,
        pongs: () => pongs,
        send: (text) => socket.send(text),
        close: () => socket.close(1000),
      }),
    )
  })
}

/** An upgrade the server answered with an HTTP response instead of a WebSocket. */
export class RefusedUpgrade extends Error {
  constructor(
    readonly status: number,
    readonly contentType: string | undefined,
    readonly body: string,
  ) {
    super(`upgrade refused: ${status} ${body}`)
  }
}

/** The refusal an upgrade with these headers gets. */
export async function refusedUpgrade(app: { url: string }, headers: Record<string, string>): Promise<RefusedUpgrade> {
  try {
    const socket = await openLive(app, headers)
    socket.close()
  } catch (error) {
    if (error instanceof RefusedUpgrade) return error
    throw error
  }
  throw new Error('the upgrade was accepted')
}
