import { sql, type Kysely } from 'kysely'
import { createOutboxTable } from '#kernel/messaging/tables'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createOutboxTable(db, 'payment')

  // One row per charge attempt of an order. Its idempotency key is what every gateway call of the
  // attempt is derived from, so a retry, a redelivery or a restart can never charge twice. Only the
  // gateway's ids are kept: never a card number.
  await sql`
    create table payment.payments (
      id uuid primary key,
      order_id uuid not null,
      attempt integer not null check (attempt >= 1),
      user_id uuid,
      idempotency_key text not null unique,
      amount integer not null check (amount > 0),
      currency char(3) not null,
      payment_method text not null,
      return_path text not null,
      intent_id text unique,
      status text not null check (status in
        ('processing', 'requires_action', 'succeeded', 'failed', 'partially_refunded', 'refunded')),
      action_url text,
      failure_code text,
      failure_reason text,
      refunded integer not null default 0 check (refunded >= 0 and refunded <= amount),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      completed_at timestamptz,
      unique (order_id, attempt)
    )`.execute(db)
  await sql`create index payments_unsettled on payment.payments (updated_at)
    where status in ('processing', 'requires_action')`.execute(db)

  // A refund's id is the sender's: the same command again finds its row instead of refunding twice.
  await sql`
    create table payment.refunds (
      id uuid primary key,
      payment_id uuid not null references payment.payments (id),
      order_id uuid not null,
      amount integer not null check (amount > 0),
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      gateway_refund_id text unique,
      reason text not null,
      failure_code text,
      failure_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index refunds_payment on payment.refunds (payment_id)`.execute(db)

  // Gateway events applied, by the gateway's event id: Stripe delivers some more than once.
  await sql`
    create table payment.gateway_events (
      event_id text primary key,
      type text not null,
      received_at timestamptz not null default now()
    )`.execute(db)

  // The simulated gateway's own books, kept as Stripe keeps them: intents, refunds, and the saved
  // answer of every idempotent request.
  await sql`
    create table payment.simulated_intents (
      id text primary key,
      amount integer not null,
      currency char(3) not null,
      payment_method text not null,
      status text not null,
      failure_code text,
      return_url text not null,
      amount_refunded integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table payment.simulated_requests (
      idempotency_key text primary key,
      fingerprint text not null,
      response jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['simulated_requests', 'simulated_intents', 'gateway_events', 'refunds', 'payments', 'outbox'])
    await sql`drop table if exists ${sql.id('payment', table)}`.execute(db)
}
