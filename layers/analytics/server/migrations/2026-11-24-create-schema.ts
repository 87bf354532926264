import { sql, type Kysely } from 'kysely'

// Frozen once committed: later changes come as new, later-dated migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create schema if not exists analytics`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop schema if exists analytics cascade`.execute(db)
}
