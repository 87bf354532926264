import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql as raw } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { createSql } from '#kernel/sql/create-sql'
import { migrateAll } from '#scripts/lib/migrate-all'
import { quietLog } from '#test/support/messaging-fixture'
import { ADDRESS as SHOPPER_ADDRESS } from '#test/support/orders-app'
import { testServices } from '#test/support/services'
import type { Address } from '../server/domain/address'
import { createOrder, type NewOrder } from '../server/features/create-order'
import { createOrdering } from '../server/ordering'

export const ADDRESS: Address = { ...SHOPPER_ADDRESS, country: 'IE' }

/** What createOrder placed; a refusal fails the test that expected an order. */
export async function placedOrder(placing: ReturnType<typeof createOrder>) {
  const placed = await placing
  if (!placed.ok) throw new Error(`the order was refused: ${placed.detail}`)
  return placed.value
}

/** A two-line order of a new customer, paid by the simulated gateway's success card. */
export const anOrder = (changes: Partial<NewOrder> = {}): NewOrder => ({
  id: uuidv7(),
  userId: uuidv7(),
  currency: 'EUR',
  lines: [
    {
      sku: 'TEE-RED-M',
      productId: 'p1',
      slug: 'red-tee',
      name: 'Red tee',
      variantName: 'M',
      image: null,
      unitPrice: 1999,
      quantity: 2,
    },
    {
      sku: 'MUG-01',
      productId: 'p2',
      slug: 'mug',
      name: 'Mug',
      variantName: null,
      image: null,
      unitPrice: 850,
      quantity: 1,
    },
  ],
  shippingAddress: ADDRESS,
  billingAddress: ADDRESS,
  paymentMethod: 'pm_card_visa',
  ...changes,
})

/**
 * Ordering on the real Postgres of this test run, or on PGlite in a directory of its own as a
 * newcomer's `npm run dev` runs (every module's migrations applied), with helpers to read back
 * what the saga did.
 */
export async function openOrdering(options: { embedded?: boolean; paymentTimeoutMs?: number } = {}) {
  const dataDir = options.embedded ? await mkdtemp(join(tmpdir(), 'shop-ordering-')) : ''
  const sqlPort = await createSql({ databaseUrl: options.embedded ? undefined : testServices().databaseUrl, dataDir })
  await migrateAll(sqlPort)
  const ordering = createOrdering(
    { sql: sqlPort },
    { paymentTimeoutMs: options.paymentTimeoutMs ?? 15 * 60_000 },
    quietLog,
  )

  const placed = async (changes: Partial<NewOrder> = {}) => {
    const order = anOrder(changes)
    return { ...(await placedOrder(createOrder(ordering, order))), order }
  }

  const orderRow = (orderId: string) =>
    ordering.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()

  const history = async (orderId: string) =>
    (
      await ordering.db
        .selectFrom('order_status_history')
        .select(['from_status', 'to_status', 'note'])
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute()
    ).map((row) => `${row.from_status ?? '∅'} → ${row.to_status}`)

  /** The messages ordering wrote to its outbox about an order, oldest first. */
  const emitted = async (orderId: string) => {
    const { rows } = await raw<{ type: string; payload: Record<string, unknown> }>`
      select content->>'type' as type, content->'payload' as payload from ordering.outbox
      where content->'payload'->>'orderId' = ${orderId} order by occurred_on, id`.execute(sqlPort.db)
    return rows
  }

  return {
    ordering,
    placed,
    orderRow,
    history,
    emitted,
    close: async () => {
      await sqlPort.close()
      if (dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
