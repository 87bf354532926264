/** What a live socket tells the page, and asks before it tries again. */
export interface LiveSocketOptions {
  url: string
  onMessage(text: string): void
  onState(connected: boolean): void
  /** Before each reconnection: false when the session is over and trying again is pointless. */
  beforeReconnect(): Promise<boolean>
}

const FIRST_RETRY_MS = 1_000
const LAST_RETRY_MS = 30_000
/** Under the 60 s idle timeout of common proxies, and well within the server's message allowance. */
const PING_MS = 25_000

/**
 * A WebSocket that stays open while it is wanted: lost, it comes back after 1 s, 2 s, 4 s … up to
 * 30 s, each with jitter, so a restarted shop is not met by every browser at the same instant.
 */
export function liveSocket(options: LiveSocketOptions) {
  let socket: WebSocket | undefined
  let wanted = false
  let failures = 0
  let retry: ReturnType<typeof setTimeout> | undefined
  let ping: ReturnType<typeof setInterval> | undefined

  function connect() {
    const current = new WebSocket(options.url)
    socket = current
    current.onopen = () => {
      failures = 0
      options.onState(true)
      ping = setInterval(() => current.send('ping'), PING_MS)
    }
    current.onmessage = (event) => {
      if (event.data !== 'pong') options.onMessage(String(event.data))
    }
    current.onclose = () => {
      clearInterval(ping)
      if (socket !== current) return
      socket = undefined
      options.onState(false)
      if (wanted) scheduleRetry()
    }
  }

  function scheduleRetry() {
    const ceiling = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++)
    retry = setTimeout(
      async () => {
        if (!wanted) return
        if (await options.beforeReconnect()) connect()
        else wanted = false
      },
      ceiling / 2 + Math.random() * (ceiling / 2),
    )
  }

  return {
    open() {
      if (wanted) return
      wanted = true
      failures = 0
      connect()
    },
    close() {
      wanted = false
      clearTimeout(retry)
      const current = socket
      socket = undefined
      current?.close(1000, 'Signed out')
      if (current) options.onState(false)
    },
  }
}
