/**
 * A separate process that relays one batch of an outbox and exits: fault tests run it with
 * SHOP_FAILPOINTS=relay-after-publish to kill a relay between publishing and marking.
 */
import { createRelay } from '#kernel/messaging/relay'
import { createRabbitMqTransport } from '#kernel/messaging/rabbitmq/rabbitmq-transport'
import { createSql } from '#kernel/sql/create-sql'
import { quietLog } from './messaging-fixture'

const [databaseUrl, amqpUrl, prefix, schema, leaseMs] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
]
const sql = await createSql({ databaseUrl, dataDir: '' })
const transport = createRabbitMqTransport({
  url: amqpUrl,
  prefix,
  log: quietLog,
  deadLetters: { record: async () => {} },
})
await transport.start()
await transport.ready()
const relay = createRelay({ sql, transport, schemas: () => [schema], log: quietLog, leaseMs: Number(leaseMs) })
const relayed = await relay.runOnce()
console.log(`relayed ${relayed}`)
await transport.close()
await sql.close()
