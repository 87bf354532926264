import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql as raw } from 'kysely'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { migrateAll } from '#scripts/lib/migrate-all'
import { quietLog } from '#test/support/messaging-fixture'
import { testServices } from '#test/support/services'
import type { ProcessPaymentPayload } from '../contracts/events'
import { paymentDb } from '../server/infrastructure/database'
import { simulatedGateway } from '../server/infrastructure/simulated-gateway'
import { stripeClient, stripeGateway } from '../server/infrastructure/stripe-gateway'
import type { Payment } from '../server/payment'
import { FAKE_SECRET_KEY } from './fake-stripe'

export const PUBLIC_URL = 'https://shop.test'
export const WEBHOOK_SECRET = 'whsec_testSigningSecret'

/** A charge command for a new order: €42.50 with `paymentMethod`. */
export const chargeFor = (paymentMethod: string, amount = 4250): ProcessPaymentPayload => ({
  orderId: uuidv7(),
  attempt: 1,
  userId: randomUUID(),
  amount: { amount, currency: 'EUR' },
  paymentMethod,
  returnPath: '/account/orders/return',
})

/** A database of its own, for a test that acts on every payment there is (reconciliation). */
async function onMaintenance(statements: string[]) {
  const maintenance = new pg.Client({ connectionString: testServices().adminDatabaseUrl })
  await maintenance.connect()
  try {
    for (const statement of statements) await maintenance.query(statement)
  } finally {
    await maintenance.end()
  }
}

async function freshDatabase(database: string): Promise<string> {
  await onMaintenance([`drop database if exists ${database}`, `create database ${database}`])
  return Object.assign(new URL(testServices().databaseUrl!), { pathname: `/${database}` }).toString()
}

/**
 * Payment on the real Postgres of this test run (every module's migrations applied), with the
 * simulated gateway or Stripe's SDK pointed at `stripeUrl`, and helpers to read back what it did.
 */
export async function openPayment(
  gateway: { stripeUrl: string; timeoutMs?: number } | 'simulated' = 'simulated',
  options: { ownDatabase?: string; embedded?: boolean } = {},
) {
  const services = testServices()
  const ownDatabase = options.ownDatabase && `payment_${options.ownDatabase}_${services.runId}`.toLowerCase()
  const databaseUrl = ownDatabase ? await freshDatabase(ownDatabase) : services.databaseUrl
  // Embedded: PGlite in a directory of its own, as a newcomer's `npm run dev` runs.
  const dataDir = options.embedded ? await mkdtemp(join(tmpdir(), 'shop-payment-')) : ''
  const sqlPort: SqlPort = await createSql({ databaseUrl: options.embedded ? undefined : databaseUrl, dataDir })
  await migrateAll(sqlPort)
  const db = paymentDb(sqlPort)
  let payment: Payment
  if (gateway === 'simulated') {
    const simulated = simulatedGateway(db, PUBLIC_URL)
    payment = { db, gateway: simulated, simulated, publicUrl: PUBLIC_URL, log: quietLog }
  } else {
    const client = stripeClient({
      secretKey: FAKE_SECRET_KEY,
      apiUrl: gateway.stripeUrl,
      timeoutMs: gateway.timeoutMs ?? 2_000,
    })
    payment = {
      db,
      gateway: stripeGateway(client),
      stripe: { client, webhookSecret: WEBHOOK_SECRET, publishableKey: 'pk_test_fake' },
      publicUrl: PUBLIC_URL,
      log: quietLog,
    }
  }

  const paymentsOf = (orderId: string) =>
    db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('attempt').execute()

  const refundsOf = (orderId: string) =>
    db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute()

  /** The messages payment wrote to its outbox about an order, oldest first. */
  const emitted = async (orderId: string) => {
    const { rows } = await raw<{ type: string; payload: Record<string, unknown> }>`
      select content->>'type' as type, content->'payload' as payload from payment.outbox
      where content->'payload'->>'orderId' = ${orderId} order by occurred_on, id`.execute(sqlPort.db)
    return rows
  }

  /** How many simulated intents an order's charges made (the count a double charge would raise). */
  const simulatedIntentsOf = async (orderId: string) => {
    const rows = await paymentsOf(orderId)
    const ids = rows.map((row) => row.intent_id).filter((id): id is string => id !== null)
    if (!ids.length) return []
    return db.selectFrom('simulated_intents').selectAll().where('id', 'in', ids).execute()
  }

  return {
    payment,
    sql: sqlPort,
    paymentsOf,
    refundsOf,
    emitted,
    simulatedIntentsOf,
    close: async () => {
      await sqlPort.close()
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
      if (ownDatabase) await onMaintenance([`drop database if exists ${ownDatabase} with (force)`])
    },
  }
}
