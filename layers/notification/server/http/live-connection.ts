import type { ConnectionSession } from '#layers/identity/contracts'
import type { LiveConnection } from '../infrastructure/live-hub'

/** What this module uses of a WebSocket peer (crossws's, which h3 hands over). */
interface Peer {
  id: string
  context: Record<string, unknown>
  send(data: string): unknown
  close(code?: number, reason?: string): void
}

/** A live connection as the hub knows it, plus its client's message allowance. */
export interface PeerConnection extends LiveConnection {
  /** False once the client has sent more than `perMinute` messages in the last minute. */
  allow(perMinute: number): boolean
}

const connections = new WeakMap<Peer, PeerConnection>()

/**
 * The connection of a peer whose upgrade authenticated a session, made as it opens; `isLive` tells
 * whether that session still stands.
 */
export function openedConnection(peer: Peer, isLive: (session: ConnectionSession) => Promise<boolean>): PeerConnection {
  const session = peer.context.session as ConnectionSession
  let windowStart = Date.now()
  let sent = 0
  const connection: PeerConnection = {
    id: peer.id,
    userId: session.userId,
    sessionId: session.sessionId,
    stillLive: () => isLive(session),
    send: (text) => void peer.send(text),
    close: (code, reason) => peer.close(code, reason),
    allow(perMinute) {
      const now = Date.now()
      if (now - windowStart > 60_000) [windowStart, sent] = [now, 0]
      return ++sent <= perMinute
    },
  }
  connections.set(peer, connection)
  return connection
}

/** The connection an opened peer has, if it opened. */
export const liveConnectionOf = (peer: Peer): PeerConnection | undefined => connections.get(peer)

/**
 * An upgrade refused with a problem body. Without its content type: crossws 0.3 (h3 1's) writes
 * header values URL-encoded on a refused upgrade, which would mangle it (fixed in crossws 0.4).
 */
export const refuseUpgrade = (status: 401 | 403, detail: string) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail }),
    { status, statusText: status === 401 ? 'Unauthorized' : 'Forbidden' },
  )

/**
 * Whether another site's page opened this upgrade (cross-site WebSocket hijacking: the browser
 * would send the shopper's cookies along). Sec-Fetch-Site says so where the browser sends it;
 * otherwise the Origin must be the shop's public one or the very host the upgrade came to.
 */
export function crossSiteUpgrade(headers: Headers, publicUrl: string): boolean {
  const site = headers.get('sec-fetch-site')
  if (site) return site !== 'same-origin' && site !== 'none'
  const origin = headers.get('origin')
  if (!origin) return false // not a browser: a bearer token or nothing authenticates it
  if (origin === new URL(publicUrl).origin) return false
  return URL.canParse(origin) ? new URL(origin).host !== headers.get('host') : true
}
