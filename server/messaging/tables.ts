import { sql, type Kysely } from 'kysely'

// Used by migrations: a change here would rewrite history, so new columns come as new migrations.

/** `<schema>.outbox`: the seed's OutboxMessages, plus when the next attempt is due. */
export async function createOutboxTable(db: Kysely<unknown>, schema: string): Promise<void> {
  await sql`
    create table ${sql.id(schema, 'outbox')} (
      id uuid primary key,
      type text not null,
      content jsonb not null,
      occurred_on timestamptz not null,
      processed_on timestamptz,
      error text,
      retry_count integer not null default 0,
      next_attempt_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index ${sql.id(`${schema}_outbox_pending`)} on ${sql.id(schema, 'outbox')} (next_attempt_at, occurred_on) where processed_on is null`.execute(
    db,
  )
  await sql`create index ${sql.id(`${schema}_outbox_processed`)} on ${sql.id(schema, 'outbox')} (processed_on) where processed_on is not null`.execute(
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
