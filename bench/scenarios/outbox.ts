import { peakRssMb, percentile, type Measurement, type Scenario } from '../harness'
import {
  EVENTS,
  fillOutboxThenRelay,
  rig,
  sorted,
  STEADY_RATE,
  STEADY_SECONDS,
  steadyLoad,
  waitFor,
} from './outbox-rig'

export const outboxRelay: Scenario = {
  name: 'outbox-relay',
  unit: 'events/s',
  description: 'relay draining a full outbox into a bound quorum queue, confirms awaited',
  reference: 'amqp-raw',
  async run(): Promise<Measurement> {
    const r = await rig('relay', { consume: false })
    try {
      const started = await fillOutboxThenRelay(r)
      while ((await r.messaging.relay.runOnce()) > 0);
      const value = Math.round(EVENTS / ((performance.now() - started) / 1000))
      return { value, p50Ms: Number.NaN, p99Ms: Number.NaN, peakRssMb: peakRssMb(process.pid) }
    } finally {
      await r.close()
    }
  },
}

/**
 * End to end: an outbox holding EVENTS rows drained through RabbitMQ to a consumer (the broker
 * now also delivers and takes acks); then commit-to-consumer lag at a steady 1,000 events/s.
 */
export const outbox: Scenario = {
  name: 'outbox',
  unit: 'events/s',
  description: 'outbox commit → relay → RabbitMQ → consumer; lag at a steady rate',
  reference: 'amqp-raw',
  async run(): Promise<Measurement> {
    const r = await rig('outbox')
    try {
      const started = await fillOutboxThenRelay(r)
      await r.messaging.relay.runOnce()
      await waitFor(() => r.received() >= EVENTS, 120_000)
      const throughput = Math.round(EVENTS / ((performance.now() - started) / 1000))

      r.lags.length = 0
      const before = r.received()
      await steadyLoad(r, STEADY_RATE, STEADY_SECONDS)
      const expected = before + Math.round(STEADY_RATE / 100) * Math.floor((STEADY_SECONDS * 1000) / 10)
      await waitFor(() => r.received() >= expected * 0.95, 30_000)
      const lags = sorted(r.lags)
      return {
        value: throughput,
        p50Ms: percentile(lags, 50),
        p99Ms: percentile(lags, 99),
        peakRssMb: peakRssMb(process.pid),
      }
    } finally {
      await r.close()
    }
  },
}
