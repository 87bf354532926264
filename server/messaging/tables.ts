import { sql, type Kysely } from 'kysely'

// Used by migrations: a change here would rewrite history, so new columns come as new migrations.

/**
 * `<schema>.outbox`: the seed's OutboxMessages, plus when the next attempt is due (or the claim's
 * lease ends). One partial index serves the relay, in the order it reads; leased and backing-off
 * rows are skipped as it scans. Free space in each page (fillfactor) lets the relay's lease update
 * stay a HOT update.
 */
export async function createOutboxTable(db: Kysely<unknown>, schema: string): Promise<void> {
  const table = sql.id(schema, 'outbox')
  await sql`
    create table ${table} (
      id uuid primary key,
      type text not null,
      content jsonb not null,
      occurred_on timestamptz not null,
      processed_on timestamptz,
      error text,
      retry_count integer not null default 0,
      next_attempt_at timestamptz not null default now()
    ) with (fillfactor = 70)`.execute(db)
  await sql`create index ${sql.id(`${schema}_outbox_pending`)} on ${table} (occurred_on, id) where processed_on is null`.execute(
    db,
  )
}

/** `<schema>.inbox`: one row per (message, handler) applied, written with the handler's effect. */
export async function createInboxTable(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`
    create table ${sql.id(schema, 'inbox')} (
      message_id uuid not null,
      handler text not null,
      processed_on timestamptz not null default now(),
      primary key (message_id, handler)
    )`.execute(db)
}
