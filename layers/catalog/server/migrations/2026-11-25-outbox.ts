import { sql, type Kysely } from 'kysely'
import { createOutboxTable } from '#kernel/messaging/tables'

// Frozen once committed. The catalog's documents live in MongoDB; its events wait here, once
// forwarded from the documents that carried them (ADR 0007), for the shared relay to publish.
export async function up(db: Kysely<unknown>): Promise<void> {
  await createOutboxTable(db, 'catalog')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists catalog.outbox`.execute(db)
}
