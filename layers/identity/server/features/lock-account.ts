import { done, refuse, type Result } from '#kernel/contracts/result'
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
): Promise<Result<void>> {
  if (locked && userId === byAdmin) return refuse(409, 'You cannot lock your own account.')
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
  if (!updated) return refuse(404, 'No account has this id.')
  if (locked) await identity.sessions.closeAll(userId)
  await forgetProfile(identity, userId)
  return done
}
