import { sql, type Kysely } from 'kysely'

// Frozen once committed. The kernel's own schema: dead letters of every handler, for admins.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema if not exists messaging`.execute(db)
  await sql`
    create table messaging.dead_letter (
      id uuid primary key,
      handler text not null,
      message_id text not null,
      type text not null,
      content text not null,
      reason text not null,
      attempts integer not null,
      dead_at timestamptz not null default now(),
      replayed_at timestamptz,
      unique (handler, message_id)
    )`.execute(db)
  await sql`create index dead_letter_pending on messaging.dead_letter (id desc) where replayed_at is null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists messaging cascade`.execute(db)
}
