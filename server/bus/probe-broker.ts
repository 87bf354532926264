import { connect } from 'amqplib'

/**
 * Opens and closes one AMQP connection. The messaging backbone (outbox relay, consumers) keeps
 * its own long-lived connection; this only answers "can the broker be reached right now".
 */
export async function probeBroker(url: string): Promise<void> {
  const connection = await connect(url, { timeout: 2_000 })
  connection.on('error', () => {})
  await connection.close()
}
