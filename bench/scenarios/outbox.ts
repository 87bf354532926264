import { peakRssMb, percentile, type Measurement, type Scenario } from '../harness'
import { rawPublisherRate } from './amqp-raw'
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

const ROUNDS = 3

async function relayRate(): Promise<number> {
  const r = await rig('relay', { consume: false })
  try {
    const started = await fillOutboxThenRelay(r)
    while ((await r.messaging.relay.runOnce()) > 0);
    return Math.round(EVENTS / ((performance.now() - started) / 1000))
  } finally {
    await r.close()
  }
}

/**
 * The relay alone, against the raw publisher measured right before it, in three rounds: a
 * shared machine drifts by tens of percent within a run, so each round's ratio is taken
 * between neighbours and the median round is reported.
 */
export const outboxRelay: Scenario = {
  name: 'outbox-relay',
  unit: 'events/s',
  description: 'relay draining a full outbox into a bound quorum queue; median of 3 rounds paired with amqp-raw',
  reference: 'amqp-raw',
  async run(): Promise<Measurement> {
    const rounds: { raw: number; relay: number }[] = []
    for (let round = 0; round < ROUNDS; round++)
      rounds.push({ raw: await rawPublisherRate(), relay: await relayRate() })
    const middle = rounds.sort((a, b) => a.relay / a.raw - b.relay / b.raw)[Math.floor(ROUNDS / 2)]!
    return {
      value: middle.relay,
      referenceValue: middle.raw,
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
      peakRssMb: peakRssMb(process.pid),
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
