import { connect } from 'amqplib'
import { rabbitmqctl } from './rabbitmqctl'

/**
 * Removes test queues and exchanges from the broker. A quorum queue is a Raft group with its own
 * processes and log: a few hundred left behind by earlier runs slow the broker until declares and
 * `stop_app` time out, so every run removes its own and those of runs that never finished.
 */
export async function sweepBroker(amqpUrl: string, isSwept: (name: string) => boolean): Promise<void> {
  const [queues, exchanges] = await Promise.all([listed('list_queues'), listed('list_exchanges')])
  const connection = await connect(amqpUrl)
  try {
    const channel = await connection.createChannel()
    for (const queue of queues.filter(isSwept)) await channel.deleteQueue(queue)
    for (const exchange of exchanges.filter(isSwept)) await channel.deleteExchange(exchange)
  } finally {
    await connection.close()
  }
}

// AMQP cannot list a broker's queues; rabbitmqctl can, on the machine that runs the broker.
async function listed(command: 'list_queues' | 'list_exchanges'): Promise<string[]> {
  const { stdout } = await rabbitmqctl(command, 'name', '--no-table-headers', '--quiet')
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
