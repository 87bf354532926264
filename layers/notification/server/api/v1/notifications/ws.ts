import { defineWebSocketHandler } from 'h3'
import { settings } from '#kernel/config/runtime'
import { LIVE_MAX_MESSAGE_BYTES, LIVE_MAX_MESSAGES_PER_MINUTE } from '#layers/notification/contracts'
import {
  crossSiteUpgrade,
  liveConnectionOf,
  openedConnection,
  refuseUpgrade,
} from '#layers/notification/server/http/live-connection'
import { useNotification } from '#layers/notification/server/notification'

/**
 * The live connection: `GET /api/v1/notifications/ws` upgraded to a WebSocket, with the session
 * cookie (a browser of this shop's origin) or `Authorization: Bearer` (an API client). It sends
 * `OrderStatusChanged` messages; a client sends at most `ping`, answered `pong`.
 */
export default defineWebSocketHandler({
  async upgrade(request) {
    if (crossSiteUpgrade(request.headers, settings().publicUrl))
      throw refuseUpgrade(403, 'Live updates are for this shop’s own pages.')
    const identity = await (await useNotification()).identity()
    const session = await identity.authenticateConnection({
      cookie: request.headers.get('cookie'),
      authorization: request.headers.get('authorization'),
    })
    if (!session) throw refuseUpgrade(401, 'Sign in to continue.')
    request.context.session = session
  },

  async open(peer) {
    const notification = await useNotification()
    const identity = await notification.identity()
    await notification.live.connect(openedConnection(peer, (session) => identity.isLive(session)))
  },

  message(peer, message) {
    const connection = liveConnectionOf(peer)
    if (!connection) return
    const text = message.rawData as Buffer | string
    if (text.length > LIVE_MAX_MESSAGE_BYTES) return connection.close(1009, 'That message is too long.')
    if (!connection.allow(LIVE_MAX_MESSAGES_PER_MINUTE)) return connection.close(1008, 'Too many messages.')
    if (message.text() === 'ping') peer.send('pong')
  },

  async close(peer) {
    const connection = liveConnectionOf(peer)
    if (connection) await (await useNotification()).live.disconnect(connection)
  },
})
