import { connect } from 'amqplib'
import { createEnvelope } from '#kernel/messaging/envelope'
import { eventMessage } from '#kernel/messaging/rabbitmq/rabbitmq-transport'
import { peakRssMb, type Scenario } from '../harness'
import { Benchmarked, EVENTS, note, services } from './outbox-rig'

/** The most this broker takes from one publisher: pipelined confirms into a bound quorum queue. */
export async function rawPublisherRate(): Promise<number> {
  const { amqpUrl } = services()
  const connection = await connect(amqpUrl)
  const channel = await connection.createConfirmChannel()
  const exchange = `bench-raw-${process.pid}`
  const queue = `${exchange}.q`
  await channel.assertExchange(exchange, 'topic', { durable: true })
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } })
  await channel.bindQueue(queue, exchange, '#')
  try {
    // The very messages the relay sends (body and properties), built beforehand: the broker's
    // share of the work is the same in both runs, the relay's own work is what the ratio shows.
    const messages = Array.from({ length: EVENTS }, (_, n) =>
      eventMessage(exchange, createEnvelope(Benchmarked, { n, note })),
    )
    const started = performance.now()
    const confirms: Promise<void>[] = []
    for (const message of messages) {
      confirms.push(
        new Promise((resolve, reject) =>
          channel.publish(exchange, message.routingKey, message.content, message.options, (error) =>
            error ? reject(error) : resolve(),
          ),
        ),
      )
      if (confirms.length % 1_000 === 0) await Promise.all(confirms.slice(-1_000)) // a window, not the whole run
    }
    await Promise.all(confirms)
    return Math.round(EVENTS / ((performance.now() - started) / 1000))
  } finally {
    await channel.deleteQueue(queue)
    await channel.deleteExchange(exchange)
    await connection.close()
  }
}

export const amqpRaw: Scenario = {
  name: 'amqp-raw',
  unit: 'msg/s',
  description: "raw amqplib publisher of the relay's messages, pipelined confirms, into a quorum queue",
  reference: null,
  async run() {
    return { value: await rawPublisherRate(), p50Ms: Number.NaN, p99Ms: Number.NaN, peakRssMb: peakRssMb(process.pid) }
  },
}
