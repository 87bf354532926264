/**
 * `npm run migrate`: applies every layer's migrations to DATABASE_URL (or the embedded PGlite
 * under DATA_DIR), the same ones the app applies at start-up.
 */
import { parseSettings, envNameOf, InvalidSettingsError } from '#kernel/config/settings'
import { createSql } from '#kernel/sql/create-sql'
import { migrateAll } from './lib/migrate-all'

const settingsFromEnv = (keys: string[]) =>
  parseSettings(Object.fromEntries(keys.map((key) => [key, process.env[envNameOf(key)]])))

try {
  const settings = settingsFromEnv(['databaseUrl', 'dataDir'])
  const port = await createSql({ ...settings, applicationName: 'shop-migrate' })
  try {
    const applied = await migrateAll(port)
    console.log(applied.length ? `applied ${applied.join(', ')}` : `${port.kind} database is up to date`)
  } finally {
    await port.close()
  }
} catch (error) {
  console.error(error instanceof InvalidSettingsError ? error.message : error)
  process.exitCode = 1
}
