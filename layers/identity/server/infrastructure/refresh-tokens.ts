import { sql } from 'kysely'
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
  | { verdict: Exclude<RefreshVerdict, 'rotate'>; userId: string; familyId: string }
  | { verdict: 'unknown' }

/** Runs once the new session's rows are written but before they commit, under the user's row lock. */
export type BeforeCommit = (issued: IssuedRefreshToken) => Promise<void>

/**
 * Refresh tokens in Postgres. Everything that starts, continues or ends sessions locks the user's
 * row first, in that order: a sign-in or a rotation racing a password reset, a lock or a reuse
 * revocation then either finishes before it (and is revoked with the rest) or sees its outcome.
 */
export function refreshTokenStore(db: IdentityDb) {
  const newToken = (row: { userId: string; familyId: string; expiresAt: Date; ip: string | undefined }) => {
    const token = newSecretToken()
    return {
      issued: { token, userId: row.userId, familyId: row.familyId, expiresAt: row.expiresAt },
      values: {
        id: uuidv7(),
        user_id: row.userId,
        family_id: row.familyId,
        token_hash: hashSecretToken(token),
        expires_at: row.expiresAt,
        created_by_ip: row.ip ?? null,
      },
    }
  }

  const lockUser = (executor: IdentityDb, userId: string) =>
    executor.selectFrom('users').select(['id', 'locked_at']).where('id', '=', userId).forUpdate().executeTakeFirst()

  const revokeAll = async (
    executor: IdentityDb,
    userId: string,
    ip: string | undefined,
    reason: string,
    keep?: string,
  ) => {
    await lockUser(executor, userId)
    let query = executor
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date(), revoked_by_ip: ip ?? null, revoked_reason: reason })
      .where('revoked_at', 'is', null)
      .where('user_id', '=', userId)
    if (keep) query = query.where('family_id', '!=', keep)
    await query.execute()
  }

  return {
    /**
     * A new family: every sign-in starts one, so signing in twice gives two independent sessions.
     * It happens only if the account is unlocked and, for a password sign-in, still has the
     * password just verified (a reset in between wins); it also records the last login. One
     * statement: the update locks the user's row before the token is inserted, as every session
     * change does. Returns undefined when the account changed under the sign-in.
     */
    async startFamily(
      userId: string,
      ip: string | undefined,
      familyId: string,
      expectPasswordHash: string | undefined,
    ): Promise<IssuedRefreshToken | undefined> {
      const { issued, values } = newToken({
        userId,
        familyId,
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_LIFETIME_MS),
        ip,
      })
      let signedIn = db
        .updateTable('users')
        .set({ last_login_at: new Date() })
        .where('id', '=', userId)
        .where('locked_at', 'is', null)
      if (expectPasswordHash !== undefined) signedIn = signedIn.where('password_hash', '=', expectPasswordHash)
      const inserted = await db
        .with('signed_in', () => signedIn.returning('id'))
        .insertInto('refresh_tokens')
        .columns(['id', 'user_id', 'family_id', 'token_hash', 'expires_at', 'created_by_ip'])
        .expression((eb) =>
          eb
            .selectFrom('signed_in')
            .select([
              eb.val(values.id).as('id'),
              eb.val(values.user_id).as('user_id'),
              eb.val(values.family_id).as('family_id'),
              eb.val(values.token_hash).as('token_hash'),
              eb.val(values.expires_at).as('expires_at'),
              eb.val(values.created_by_ip).as('created_by_ip'),
            ]),
        )
        .returning('id')
        .executeTakeFirst()
      return inserted ? issued : undefined
    },

    /**
     * Exchanges a token for its successor. The row locks make two concurrent rotations of one token
     * serial: the second sees it replaced and is treated as reuse, so a token has one successor at
     * most. Reuse revokes every token of the user, in the same transaction.
     */
    rotate: (token: string, ip: string | undefined, beforeCommit: BeforeCommit, graceMs = 0): Promise<RotationResult> =>
      db.transaction().execute(async (trx) => {
        const tokenHash = hashSecretToken(token)
        const owner = await trx
          .selectFrom('refresh_tokens')
          .select('user_id')
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst()
        if (!owner) return { verdict: 'unknown' as const }
        const user = await lockUser(trx, owner.user_id)
        const row = await trx
          .selectFrom('refresh_tokens as t')
          .select((eb) => [
            't.id',
            't.user_id',
            't.family_id',
            't.expires_at',
            't.revoked_at',
            't.replaced_by_id',
            eb
              .exists(
                eb
                  .selectFrom('refresh_tokens as f')
                  .select(sql`1`.as('one'))
                  .whereRef('f.family_id', '=', 't.family_id')
                  .where('f.revoked_at', 'is', null),
              )
              .as('family_alive'),
          ])
          .where('t.token_hash', '=', tokenHash)
          .forUpdate('t')
          .executeTakeFirstOrThrow()
        const verdict = judgeRefreshToken(
          {
            expiresAt: row.expires_at,
            revokedAt: row.revoked_at,
            replacedById: row.replaced_by_id,
            familyAlive: Boolean(row.family_alive),
          },
          new Date(),
          graceMs,
        )
        if (verdict === 'reuse') {
          await revokeAll(trx, row.user_id, ip, 'reuse-detected')
          return { verdict, userId: row.user_id, familyId: row.family_id }
        }
        if (verdict !== 'rotate') return { verdict, userId: row.user_id, familyId: row.family_id }
        if (!user || user.locked_at)
          return { verdict: 'revoked' as const, userId: row.user_id, familyId: row.family_id }
        const { issued, values } = newToken({
          userId: row.user_id,
          familyId: row.family_id,
          expiresAt: row.expires_at,
          ip,
        })
        await trx.insertInto('refresh_tokens').values(values).execute()
        await trx
          .updateTable('refresh_tokens')
          .set({
            revoked_at: new Date(),
            revoked_by_ip: ip ?? null,
            revoked_reason: 'rotated',
            replaced_by_id: values.id,
          })
          .where('id', '=', row.id)
          .execute()
        await beforeCommit(issued)
        return { verdict, successor: issued }
      }),

    /** Sign-out of one session: its family is revoked; other devices stay signed in. */
    revokeFamily: async (familyId: string, ip: string | undefined) => {
      await db
        .updateTable('refresh_tokens')
        .set({ revoked_at: new Date(), revoked_by_ip: ip ?? null, revoked_reason: 'signed-out' })
        .where('revoked_at', 'is', null)
        .where('family_id', '=', familyId)
        .execute()
    },

    /**
     * Every session of the user but `keepFamily` (a password change keeps the one that made it).
     * Pass the caller's transaction when it changes the account in the same breath.
     */
    revokeAllOf: (
      userId: string,
      ip: string | undefined,
      reason: string,
      keepFamily?: string,
      executor?: IdentityDb,
    ) =>
      executor
        ? revokeAll(executor, userId, ip, reason, keepFamily)
        : db.transaction().execute((trx) => revokeAll(trx, userId, ip, reason, keepFamily)),
  }
}

export type RefreshTokenStore = ReturnType<typeof refreshTokenStore>
