import { sql, type Kysely } from 'kysely'
import { createInboxTable, createOutboxTable } from '#kernel/messaging/tables'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createOutboxTable(db, 'inventory')
  await createInboxTable(db, 'inventory')

  // What is held for orders is part of what is on hand: the checks make overselling a constraint
  // violation, not only something the conditional updates avoid.
  await sql`
    create table inventory.stock (
      sku text primary key,
      product_id text not null,
      on_hand integer not null check (on_hand >= 0),
      reserved integer not null default 0 check (reserved >= 0 and reserved <= on_hand),
      updated_at timestamptz not null default now()
    ) with (fillfactor = 80)`.execute(db)
  await sql`create index stock_available on inventory.stock ((on_hand - reserved), sku)`.execute(db)

  // One per order: its status is the outcome a repeated command replies with.
  await sql`
    create table inventory.reservations (
      order_id uuid primary key,
      status text not null check (status in ('held', 'failed', 'released', 'committed', 'restocked')),
      lines jsonb not null,
      short_lines jsonb,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index reservations_expiring on inventory.reservations (expires_at) where status = 'held'`.execute(db)

  // Every change of a sku's stock, so on_hand and reserved are always the sums of their changes.
  await sql`
    create table inventory.movements (
      id bigint generated always as identity primary key,
      sku text not null,
      on_hand_change integer not null,
      reserved_change integer not null,
      reason text not null check (reason in ('received', 'reserved', 'released', 'shipped', 'returned', 'adjusted')),
      order_id uuid,
      admin_id uuid,
      note text,
      occurred_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index movements_sku on inventory.movements (sku, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['movements', 'reservations', 'stock', 'inbox', 'outbox'])
    await sql`drop table if exists ${sql.id('inventory', table)}`.execute(db)
}
