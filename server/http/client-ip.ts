import { getRequestHeader, type H3Event } from 'h3'
import { settings } from '../config/runtime'

/**
 * The address a request came from, for rate limits and audit columns. Behind `TRUST_PROXY_HOPS`
 * proxies, it is the X-Forwarded-For entry the outermost trusted proxy added: entries further left
 * were written by the client and cannot be trusted.
 */
export function clientIp(event: H3Event, hops = settings().trustProxyHops): string {
  const socketAddress = event.node.req.socket.remoteAddress ?? 'unknown'
  if (hops === 0) return socketAddress
  const forwarded = (getRequestHeader(event, 'x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return forwarded[forwarded.length - hops] ?? socketAddress
}
