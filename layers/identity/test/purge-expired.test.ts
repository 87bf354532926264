import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedis } from '#kernel/redis/create-redis'
import { createSql } from '#kernel/sql/create-sql'
import type { SqlPort } from '#kernel/sql/sql-port'
import { migrateAll } from '#scripts/lib/migrate-all'
import { projectRoot } from '#scripts/lib/production-build'
import { testJwks } from '#test/support/auth-keys'
import { testServices } from '#test/support/services'
import { parseIdentitySettings } from '../server/config/identity-settings'
import { purgeExpiredTokens } from '../server/features/purge-expired'
import { createIdentity, type Identity } from '../server/identity'

const services = testServices()

describe.skipIf(!services.databaseUrl)('identity:cleanup', () => {
  let sql: SqlPort
  let identity: Identity

  beforeAll(async () => {
    sql = await createSql({ databaseUrl: services.databaseUrl, dataDir: '', applicationName: 'test-identity-purge' })
    await migrateAll(sql, projectRoot)
    const redis = await createRedis({ keyPrefix: `${services.redisKeyPrefix}purge:` })
    identity = await createIdentity(
      { sql, redis },
      { publicUrl: 'https://shop.test', dataDir: '', databaseUrl: services.databaseUrl },
      parseIdentitySettings({ authJwks: await testJwks(), passwordHashConcurrency: 1 }),
      pino({ level: 'silent' }),
    )
  })
  afterAll(async () => {
    await identity?.hasher.close()
    await sql?.close()
  })

  it('deletes families and one-time tokens expired over a day ago, and nothing else', async () => {
    const userId = crypto.randomUUID()
    await identity.users.insert({
      id: userId,
      email: `purge-${userId}@example.com`,
      passwordHash: null,
      firstName: 'P',
      lastName: '',
    })
    const day = 24 * 3_600_000
    const family = async (expiresAgoMs: number) => {
      const familyId = crypto.randomUUID()
      for (const n of [1, 2])
        await identity.db
          .insertInto('refresh_tokens')
          .values({
            id: crypto.randomUUID(),
            user_id: userId,
            family_id: familyId,
            token_hash: Buffer.from(`${familyId}-${n}`),
            expires_at: new Date(Date.now() - expiresAgoMs),
            created_by_ip: null,
          })
          .execute()
      return familyId
    }
    const old = await family(2 * day)
    const recent = await family(day / 2)
    const live = await family(-day)
    await identity.oneTimeTokens.create(userId, 'reset-password')
    await identity.db
      .insertInto('one_time_tokens')
      .values({
        token_hash: Buffer.from(`old-${userId}`),
        user_id: userId,
        purpose: 'confirm-email',
        expires_at: new Date(Date.now() - 2 * day),
      })
      .execute()

    const purged = await purgeExpiredTokens(identity)
    expect(purged.refreshTokens).toBeGreaterThanOrEqual(2)
    const left = await identity.db
      .selectFrom('refresh_tokens')
      .select('family_id')
      .where('user_id', '=', userId)
      .execute()
    expect(new Set(left.map((row) => row.family_id))).toEqual(new Set([recent, live]))
    expect(left.some((row) => row.family_id === old)).toBe(false)
    const oneTime = await identity.db
      .selectFrom('one_time_tokens')
      .select('purpose')
      .where('user_id', '=', userId)
      .execute()
    expect(oneTime).toEqual([{ purpose: 'reset-password' }])
  })
})
