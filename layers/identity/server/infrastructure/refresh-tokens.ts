import { v7 as uuidv7 } from 'uuid'
import { judgeRefreshToken, type RefreshVerdict } from '../domain/refresh-token-state'
import type { IdentityDb } from './database'
import { hashSecretToken, newSecretToken } from './secret-tokens'

/** Absolute: fixed when the user signs in, inherited by every rotated successor. */
export const REFRESH_TOKEN_LIFETIME_MS = 7 * 24 * 3_600_000

export interface IssuedRefreshToken {
  token: string
  userId: string
  familyId: string
  expiresAt: Date
}

export type RotationResult =
  | { verdict: 'rotate'; successor: IssuedRefreshToken }
  | { verdict: Exclude<RefreshVerdict, 'rotate'>; userId: string }
  | { verdict: 'unknown' }

export function refreshTokenStore(db: IdentityDb) {
  const insert = async (
    executor: IdentityDb,
    row: { userId: string; familyId: string; expiresAt: Date; ip: string | undefined },
    signIn = false,
  ): Promise<IssuedRefreshToken & { id: string }> => {
    const token = newSecretToken()
    const id = uuidv7()
    const values = {
      id,
      user_id: row.userId,
      family_id: row.familyId,
      token_hash: hashSecretToken(token),
      expires_at: row.expiresAt,
      created_by_ip: row.ip ?? null,
    }
    // A sign-in is also the user's last login: one statement, one round trip.
    const query = signIn
      ? executor
          .with('signed_in', (db) =>
            db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', row.userId),
          )
          .insertInto('refresh_tokens')
      : executor.insertInto('refresh_tokens')
    await query.values(values).execute()
    return { id, token, userId: row.userId, familyId: row.familyId, expiresAt: row.expiresAt }
  }

  const revokeWhere = (executor: IdentityDb, ip: string | undefined, reason: string) =>
    executor
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date(), revoked_by_ip: ip ?? null, revoked_reason: reason })
      .where('revoked_at', 'is', null)

  return {
    /**
     * A new family: every sign-in starts one, so signing in twice gives two independent sessions.
     * It also records the sign-in as the user's last login.
     */
    startFamily: (userId: string, ip: string | undefined, familyId: string) =>
      insert(db, { userId, familyId, expiresAt: new Date(Date.now() + REFRESH_TOKEN_LIFETIME_MS), ip }, true),

    /**
     * Exchanges a token for its successor. The row lock makes two concurrent rotations of one token
     * serial: the second sees it replaced and is treated as reuse, so a token has one successor at most.
     * Reuse revokes every token of the user, in the same transaction.
     */
    rotate: (token: string, ip: string | undefined): Promise<RotationResult> =>
      db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('refresh_tokens')
          .select(['id', 'user_id', 'family_id', 'expires_at', 'revoked_at', 'replaced_by_id'])
          .where('token_hash', '=', hashSecretToken(token))
          .forUpdate()
          .executeTakeFirst()
        if (!row) return { verdict: 'unknown' as const }
        const verdict = judgeRefreshToken(
          { expiresAt: row.expires_at, revokedAt: row.revoked_at, replacedById: row.replaced_by_id },
          new Date(),
        )
        if (verdict === 'reuse') {
          await revokeWhere(trx, ip, 'reuse-detected').where('user_id', '=', row.user_id).execute()
          return { verdict, userId: row.user_id }
        }
        if (verdict !== 'rotate') return { verdict, userId: row.user_id }
        const { id, ...successor } = await insert(trx, {
          userId: row.user_id,
          familyId: row.family_id,
          expiresAt: row.expires_at,
          ip,
        })
        await trx
          .updateTable('refresh_tokens')
          .set({ revoked_at: new Date(), revoked_by_ip: ip ?? null, revoked_reason: 'rotated', replaced_by_id: id })
          .where('id', '=', row.id)
          .execute()
        return { verdict, successor }
      }),

    /** Sign-out of one session: its family is revoked; other devices stay signed in. */
    revokeFamily: async (familyId: string, ip: string | undefined) => {
      await revokeWhere(db, ip, 'signed-out').where('family_id', '=', familyId).execute()
    },

    /** Every session of the user but `keepFamily` (a password change keeps the one that made it). */
    revokeAllOf: async (
      userId: string,
      ip: string | undefined,
      reason: string,
      keepFamily?: string,
      executor: IdentityDb = db,
    ) => {
      let query = revokeWhere(executor, ip, reason).where('user_id', '=', userId)
      if (keepFamily) query = query.where('family_id', '!=', keepFamily)
      await query.execute()
    },
  }
}

export type RefreshTokenStore = ReturnType<typeof refreshTokenStore>
