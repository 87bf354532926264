import { sql, type Kysely } from 'kysely'
import { createOutboxTable } from '#kernel/messaging/tables'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Emails are unique whatever their case; the address is kept as the user typed it.
  await sql`
    create table identity.users (
      id uuid primary key,
      email text not null,
      password_hash text,
      first_name text not null default '',
      last_name text not null default '',
      email_confirmed boolean not null default false,
      two_factor_enabled boolean not null default false,
      locked_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_login_at timestamptz
    )`.execute(db)
  await sql`create unique index users_email_key on identity.users (lower(email))`.execute(db)

  await sql`
    create table identity.roles (
      id uuid primary key,
      name text not null unique,
      description text not null
    )`.execute(db)
  await sql`
    insert into identity.roles (id, name, description) values
      ('0193a000-0000-7000-8000-000000000001', 'Customer', 'Shops, places orders and reviews products'),
      ('0193a000-0000-7000-8000-000000000002', 'Admin', 'Runs the shop from /admin')`.execute(db)
  await sql`
    create table identity.user_roles (
      user_id uuid not null references identity.users (id) on delete cascade,
      role_id uuid not null references identity.roles (id),
      primary key (user_id, role_id)
    )`.execute(db)

  // A family is every token descended from one sign-in; expiry is fixed at sign-in and inherited.
  await sql`
    create table identity.refresh_tokens (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      family_id uuid not null,
      token_hash bytea not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      created_by_ip text,
      revoked_at timestamptz,
      revoked_by_ip text,
      revoked_reason text,
      replaced_by_id uuid references identity.refresh_tokens (id)
    )`.execute(db)
  await sql`create index refresh_tokens_family on identity.refresh_tokens (family_id)`.execute(db)
  await sql`create index refresh_tokens_user on identity.refresh_tokens (user_id) where revoked_at is null`.execute(db)

  await sql`
    create table identity.user_claims (
      id uuid primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      claim_type text not null,
      claim_value text not null
    )`.execute(db)
  await sql`create index user_claims_user on identity.user_claims (user_id)`.execute(db)

  // Social sign-in: an account is keyed by who issued the identity and its subject there.
  await sql`
    create table identity.external_logins (
      issuer text not null,
      subject text not null,
      provider text not null,
      user_id uuid not null references identity.users (id) on delete cascade,
      email text,
      created_at timestamptz not null default now(),
      primary key (issuer, subject)
    )`.execute(db)

  // Email confirmation and password reset links: 256-bit, stored hashed, single use, short-lived.
  await sql`
    create table identity.one_time_tokens (
      token_hash bytea primary key,
      user_id uuid not null references identity.users (id) on delete cascade,
      purpose text not null check (purpose in ('confirm-email', 'reset-password')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)

  await createOutboxTable(db, 'identity')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'one_time_tokens',
    'external_logins',
    'user_claims',
    'refresh_tokens',
    'user_roles',
    'roles',
    'users',
    'outbox',
  ])
    await sql`drop table if exists ${sql.id('identity', table)} cascade`.execute(db)
}
