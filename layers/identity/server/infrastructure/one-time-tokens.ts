import type { IdentityDb } from './database'
import { hashSecretToken, newSecretToken } from './secret-tokens'

export type OneTimePurpose = 'confirm-email' | 'reset-password'

export const ONE_TIME_TOKEN_LIFETIME_MS: Record<OneTimePurpose, number> = {
  'confirm-email': 48 * 3_600_000,
  'reset-password': 30 * 60_000,
}

/** Links mailed to the user; the token itself is only ever in the mail. */
export function oneTimeTokens(db: IdentityDb) {
  return {
    async create(userId: string, purpose: OneTimePurpose, executor: IdentityDb = db): Promise<string> {
      const token = newSecretToken()
      await executor
        .insertInto('one_time_tokens')
        .values({
          token_hash: hashSecretToken(token),
          user_id: userId,
          purpose,
          expires_at: new Date(Date.now() + ONE_TIME_TOKEN_LIFETIME_MS[purpose]),
        })
        .execute()
      return token
    },

    /** Marks every unused token of the purpose used: after a reset, older reset links must not work. */
    async retireAll(userId: string, purpose: OneTimePurpose, executor: IdentityDb = db): Promise<void> {
      await executor
        .updateTable('one_time_tokens')
        .set({ used_at: new Date() })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute()
    },

    /** Marks the token used and returns its user, or undefined if it is unknown, used, expired or for another purpose. */
    async consume(token: string, purpose: OneTimePurpose, executor: IdentityDb = db): Promise<string | undefined> {
      const row = await executor
        .updateTable('one_time_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', hashSecretToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning('user_id')
        .executeTakeFirst()
      return row?.user_id
    },
  }
}

export type OneTimeTokens = ReturnType<typeof oneTimeTokens>
