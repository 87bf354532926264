import type { Identity } from '../identity'

/** Kept a day past expiry, so a token presented just after it lapsed still finds its row. */
const GRACE_MS = 24 * 3_600_000

/** Deletes refresh and one-time tokens that expired more than a day ago; both tables would grow forever otherwise. */
export async function purgeExpiredTokens(
  identity: Identity,
): Promise<{ refreshTokens: number; oneTimeTokens: number }> {
  const before = new Date(Date.now() - GRACE_MS)
  // Successors reference their predecessors; a family expires as a whole, so it goes as a whole.
  const refresh = await identity.db
    .deleteFrom('refresh_tokens')
    .where('family_id', 'in', (eb) =>
      eb
        .selectFrom('refresh_tokens')
        .select('family_id')
        .groupBy('family_id')
        .having((h) => h.fn.max('expires_at'), '<', before),
    )
    .executeTakeFirst()
  const oneTime = await identity.db.deleteFrom('one_time_tokens').where('expires_at', '<', before).executeTakeFirst()
  return { refreshTokens: Number(refresh.numDeletedRows), oneTimeTokens: Number(oneTime.numDeletedRows) }
}
