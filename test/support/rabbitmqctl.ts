import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Drives the machine's RabbitMQ for fault tests. Every test that stops it restarts it in a finally. */
export const rabbitmqctl = (...args: string[]) => run('rabbitmqctl', args, { timeout: 60_000 })

export async function ensureBrokerRunning(): Promise<void> {
  await rabbitmqctl('start_app')
  await rabbitmqctl('await_startup')
}
