import { createError } from 'h3'
import type { Identity } from '../identity'
import { forgetProfile } from './profile'

/**
 * An admin locks an account: it can no longer sign in, and every session it has ends at once
 * (refresh tokens revoked, access tokens refused from the next request). Unlocking lets it sign in again.
 */
export async function setAccountLock(
  identity: Identity,
  userId: string,
  locked: boolean,
  byAdmin: string,
  ip: string,
): Promise<void> {
  if (locked && userId === byAdmin) throw createError({ statusCode: 409, message: 'You cannot lock your own account.' })
  const updated = await identity.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ locked_at: locked ? new Date() : null, updated_at: new Date() })
      .where('id', '=', userId)
      .returning('id')
      .executeTakeFirst()
    if (row && locked) await identity.refreshTokens.revokeAllOf(userId, ip, 'account-locked', undefined, trx)
    return row !== undefined
  })
  if (!updated) throw createError({ statusCode: 404, message: 'No account has this id.' })
  if (locked) await identity.sessions.closeAll(userId)
  await forgetProfile(identity, userId)
}
