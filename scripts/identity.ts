/**
 * `npm run identity -- <command>`: operations on accounts and keys.
 *
 *   generate-key             prints a new AUTH_JWKS (an EC P-256 signing key set)
 *   create-admin <email>     creates the account (password from ADMIN_PASSWORD or typed in) or
 *                            promotes an existing one; runs migrations first
 */
import { createInterface } from 'node:readline/promises'
import pino from 'pino'
import { envNameOf, InvalidSettingsError, parseSettings } from '#kernel/config/settings'
import { createRedis } from '#kernel/redis/create-redis'
import { createSql } from '#kernel/sql/create-sql'
import { parseIdentitySettings } from '#layers/identity/server/config/identity-settings'
import { ensureAdmin } from '#layers/identity/server/features/ensure-admin'
import { createIdentity } from '#layers/identity/server/identity'
import { generateJwks } from '#layers/identity/server/infrastructure/signing-keys'
import { migrateAll } from './lib/migrate-all'

const fromEnv = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, process.env[envNameOf(key)]]))

async function prompt(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await terminal.question(question)
  } finally {
    terminal.close()
  }
}

async function createAdmin(email: string | undefined) {
  if (!email) throw new Error('usage: npm run identity -- create-admin <email>')
  const settings = parseSettings(fromEnv(['databaseUrl', 'redisUrl', 'redisKeyPrefix', 'dataDir', 'publicUrl']))
  const identitySettings = parseIdentitySettings(fromEnv(['authJwks', 'passwordHashConcurrency']))
  const password = process.env.ADMIN_PASSWORD || (await prompt('Password for the admin: '))
  const sql = await createSql({ ...settings, applicationName: 'shop-identity-cli' })
  const redis = await createRedis(settings)
  try {
    await migrateAll(sql)
    const identity = await createIdentity({ sql, redis }, settings, identitySettings, pino({ level: 'warn' }))
    try {
      console.log(`${email}: ${await ensureAdmin(identity, email, password)}`)
    } finally {
      await identity.hasher.close()
    }
  } finally {
    await Promise.all([sql.close(), redis.close()])
  }
}

const [command, ...args] = process.argv.slice(2)
try {
  if (command === 'generate-key') console.log(JSON.stringify(await generateJwks()))
  else if (command === 'create-admin') await createAdmin(args[0])
  else throw new Error('usage: npm run identity -- generate-key | create-admin <email>')
} catch (error) {
  console.error(error instanceof InvalidSettingsError || error instanceof Error ? error.message : error)
  process.exitCode = 1
}
