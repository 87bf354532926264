import { sql, type Kysely, type Transaction } from 'kysely'
import type { Envelope } from '../contracts/messaging'

/**
 * Records that `handler` applied `envelope`, inside the transaction that applies its effect.
 * Returns false when it was applied before: the caller then does nothing, so a redelivered
 * message changes nothing. A concurrent duplicate waits on the primary key until the first
 * commits, then sees the conflict.
 */
export async function claimInbox<Database>(
  trx: Transaction<Database> | Kysely<Database>,
  schema: string,
  handler: string,
  envelope: Pick<Envelope, 'id'>,
): Promise<boolean> {
  const { rows } = await sql`
    insert into ${sql.id(schema, 'inbox')} (message_id, handler) values (${envelope.id}, ${handler})
    on conflict do nothing returning message_id`.execute(trx)
  return rows.length === 1
}
