import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { peakRssMb, percentile, ScenarioSkipped, type Measurement, type Scenario } from '../harness'
import { rig, services, sleep, sorted, STEADY_RATE, steadyLoad } from './outbox-rig'

const rabbitmqctl = (...args: string[]) => promisify(execFile)('rabbitmqctl', args, { timeout: 60_000 })

/**
 * Seconds from the broker coming back until commit-to-consumer lag is back under 100 ms (p95 over
 * one second), at a steady 1,000 events/s through `rabbitmqctl stop_app` / `start_app`.
 */
export const outboxRecovery: Scenario = {
  name: 'outbox-recovery',
  unit: 's',
  description: 'back to steady state (lag < 100 ms) after a broker restart',
  reference: null,
  async run(): Promise<Measurement> {
    services()
    await rabbitmqctl('status').catch(() => {
      throw new ScenarioSkipped('needs rabbitmqctl for the local broker')
    })
    const r = await rig('recovery')
    const arrivals: { at: number; lag: number }[] = []
    let backAt = 0
    try {
      const sample = setInterval(() => {
        while (r.lags.length) arrivals.push({ at: Date.now(), lag: r.lags.shift()! })
      }, 5)
      await steadyLoad(r, STEADY_RATE, 25, async () => {
        await sleep(3_000)
        try {
          await rabbitmqctl('stop_app')
          await sleep(3_000)
        } finally {
          await rabbitmqctl('start_app')
          await rabbitmqctl('await_startup')
        }
        backAt = Date.now()
      })
      await sleep(2_000)
      clearInterval(sample)
      // Steady again at the start of the first one-second window whose 95th-percentile lag is
      // under 100 ms: the backlog is gone. (One late message at steady state, which happens
      // with or without a restart, does not count as still recovering.)
      const after = arrivals.filter((a) => a.at >= backAt)
      let steadyFrom = Number.NaN
      for (let start = backAt; start < (after.at(-1)?.at ?? backAt); start += 100) {
        const window = sorted(after.filter((a) => a.at >= start && a.at < start + 1_000).map((a) => a.lag))
        if (window.length >= STEADY_RATE / 2 && percentile(window, 95) < 100) {
          steadyFrom = start
          break
        }
      }
      const lags = sorted(after.map((a) => a.lag))
      return {
        value: Math.round((steadyFrom - backAt) / 100) / 10,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        peakRssMb: peakRssMb(process.pid),
      }
    } finally {
      await rabbitmqctl('start_app')
      await r.close()
    }
  },
}
