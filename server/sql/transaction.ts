import type { Kysely, Transaction } from 'kysely'
import { isRefusal, type Refusal } from '../contracts/result'

/** Carries a refusal out of Kysely's transaction, which rolls back on any throw. */
class RolledBack extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail)
  }
}

/**
 * Runs `work` in one transaction. It commits when the work returns a value; when the work returns a
 * refusal, everything it wrote is rolled back and the refusal is returned as it was. A feature can
 * so check as it goes (a consumed link, then the new password) and refuse without leaving half a
 * change behind.
 */
export async function inTransaction<Database, T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const value = await work(trx)
      if (isRefusal(value)) throw new RolledBack(value)
      return value
    })
  } catch (error) {
    if (error instanceof RolledBack) return error.refusal as T
    throw error
  }
}
