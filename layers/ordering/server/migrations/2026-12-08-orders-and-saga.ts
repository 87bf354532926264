import { sql, type Kysely } from 'kysely'
import { createInboxTable, createOutboxTable } from '#kernel/messaging/tables'

// The statuses as they were when this ran (contracts may grow; this file does not).
const STATUSES = sql.raw(
  [
    'Created',
    'InventoryReserving',
    'InventoryReserved',
    'PaymentPending',
    'Paid',
    'Shipped',
    'Delivered',
    'Refunding',
    'Refunded',
    'Returning',
    'Returned',
    'Cancelled',
  ]
    .map((status) => `'${status}'`)
    .join(', '),
)

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createOutboxTable(db, 'ordering')
  await createInboxTable(db, 'ordering')

  // The order is also the checkout saga's state: its status, the version every move checks and
  // bumps (optimistic concurrency), and the payment deadline the timeout task fires. None of it
  // expires: an order may wait weeks for its shipment.
  await sql`create sequence ordering.order_numbers start with 100001`.execute(db)
  await sql`
    create table ordering.orders (
      id uuid primary key,
      number text not null unique,
      user_id uuid not null,
      status text not null check (status in (${STATUSES})),
      version integer not null default 1,
      currency char(3) not null,
      subtotal integer not null check (subtotal >= 0),
      shipping integer not null default 0 check (shipping >= 0),
      total integer not null check (total = subtotal + shipping),
      shipping_address jsonb not null,
      billing_address jsonb not null,
      payment_method text not null,
      payment_deadline_at timestamptz,
      payment_action_url text,
      cancellation_reason text,
      carrier text,
      tracking_number text,
      idempotency_key text,
      request_hash text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (user_id, idempotency_key)
    )`.execute(db)
  await sql`create index orders_of_user on ordering.orders (user_id, created_at desc)`.execute(db)
  await sql`create index orders_by_status on ordering.orders (status, created_at desc)`.execute(db)
  await sql`create index orders_payment_due on ordering.orders (payment_deadline_at)
    where payment_deadline_at is not null`.execute(db)

  // Each line as the catalog priced it when the order was placed: later price changes never touch it.
  await sql`
    create table ordering.order_items (
      order_id uuid not null references ordering.orders (id),
      line integer not null check (line >= 1),
      sku text not null,
      product_id text not null,
      slug text not null,
      name text not null,
      variant_name text,
      image text,
      unit_price integer not null check (unit_price >= 0),
      quantity integer not null check (quantity >= 1),
      line_total integer not null check (line_total = unit_price * quantity),
      primary key (order_id, line)
    )`.execute(db)

  // Every move of every order, with why.
  await sql`
    create table ordering.order_status_history (
      id bigint generated always as identity primary key,
      order_id uuid not null references ordering.orders (id),
      from_status text check (from_status in (${STATUSES})),
      to_status text not null check (to_status in (${STATUSES})),
      note text not null,
      occurred_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index order_status_history_of_order on ordering.order_status_history (order_id, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['order_status_history', 'order_items', 'orders', 'inbox', 'outbox'])
    await sql`drop table if exists ${sql.id('ordering', table)}`.execute(db)
  await sql`drop sequence if exists ordering.order_numbers`.execute(db)
}
