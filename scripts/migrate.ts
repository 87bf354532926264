/**
 * `npm run migrate`: applies every layer's migrations to DATABASE_URL (or the embedded PGlite
 * under DATA_DIR), the same ones the app applies at start-up.
 */
import type { Migration } from 'kysely'
import { parseSettings, envNameOf, InvalidSettingsError } from '../server/config/settings'
import { createSql } from '../server/sql/create-sql'
import { migrateModules } from '../server/sql/migrate'
import { groupByModule, scanMigrationFiles } from '../modules/module-migrations/scan'

const fromEnv = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, process.env[envNameOf(key)]]))

try {
  const settings = parseSettings(fromEnv(['databaseUrl', 'dataDir']))
  const files = scanMigrationFiles(process.cwd())
  const loaded = new Map<string, Migration>()
  for (const file of files) loaded.set(file.path, (await import(file.path)) as Migration)
  const port = await createSql({ ...settings, applicationName: 'shop-migrate' })
  try {
    const applied = await migrateModules(
      port,
      groupByModule(files, (file) => loaded.get(file.path)!),
    )
    console.log(applied.length ? `applied ${applied.join(', ')}` : `${port.kind} database is up to date`)
  } finally {
    await port.close()
  }
} catch (error) {
  console.error(error instanceof InvalidSettingsError ? error.message : error)
  process.exitCode = 1
}
