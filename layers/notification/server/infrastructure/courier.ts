import type { Logger } from 'pino'

/** Runs the email round now, or later; never two rounds at once in one process. */
export interface Courier {
  wake(): void
  wakeIn(ms: number): void
  /** Waits for the round under way and cancels those planned. */
  stop(): Promise<void>
}

export function courier(round: () => Promise<unknown>, log: Logger): Courier {
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  const timers = new Set<NodeJS.Timeout>()
  const run = async () => {
    do {
      again = false
      await round().catch((error: unknown) => log.error({ err: error }, 'email round failed'))
    } while (again && !stopped)
    running = undefined
  }
  const wake = () => {
    if (stopped) return
    if (running) again = true
    else running = run()
  }
  return {
    wake,
    wakeIn(ms) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        wake()
      }, ms)
      timer.unref()
      timers.add(timer)
    },
    async stop() {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      await running
    },
  }
}
