import { sql, type Kysely } from 'kysely'
import { createInboxTable } from '#kernel/messaging/tables'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createInboxTable(db, 'notification')

  // Every email the shop sends, rendered once and kept with how its sending went. The key makes it
  // once per event: the same order event, or the same identity link, never queues a second email.
  await sql`
    create table notification.emails (
      id uuid primary key,
      key text not null unique,
      user_id uuid,
      template text not null,
      to_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      status text not null check (status in ('queued', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      provider text,
      provider_message_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db)
  await sql`create index emails_due on notification.emails (next_attempt_at) where status = 'queued'`.execute(db)
  await sql`create index emails_recent on notification.emails (created_at desc)`.execute(db)

  // Without SendGrid, this is where mail arrives: what a developer, a test or an admin reads.
  await sql`
    create table notification.mailbox (
      id bigint generated always as identity primary key,
      to_address text not null,
      subject text not null,
      html text not null,
      text text not null,
      received_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index mailbox_recipient on notification.mailbox (to_address, id)`.execute(db)

  // In-app notifications: what the bell counts and /account/notifications lists.
  await sql`
    create table notification.notifications (
      id uuid primary key,
      user_id uuid not null,
      kind text not null,
      title text not null,
      body text not null,
      link text,
      order_id uuid,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db)
  await sql`create index notifications_of_user on notification.notifications (user_id, created_at desc)`.execute(db)
  // The latest move of each order told live: a move the bus delivers after a later one (consumers
  // run side by side) is not pushed, so an open page never sees an order step back.
  await sql`
    create table notification.order_progress (
      order_id uuid primary key,
      occurred_at timestamptz not null
    )`.execute(db)
  await sql`create index notifications_unread on notification.notifications (user_id) where read_at is null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['order_progress', 'notifications', 'mailbox', 'emails', 'inbox'])
    await sql`drop table if exists ${sql.id('notification', table)}`.execute(db)
}
