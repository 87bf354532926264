import { Migrator, sql, type Migration } from 'kysely'
import type { SqlPort } from './sql-port'

/** One context's migrations, applied in name order inside its own schema. */
export interface ModuleMigrations {
  module: string
  migrations: Record<string, Migration>
}

// Any fixed 64-bit number works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 7_311_042_026

/**
 * Brings every module's schema up to date. Each module keeps its migration history in its own
 * schema (`<module>.kysely_migration`). With real Postgres, a session advisory lock held on a
 * dedicated connection serialises instances that start at the same moment, including the
 * `CREATE SCHEMA` Kysely issues before its own lock. PGlite is single-process, so it needs none.
 */
export async function migrateModules(port: SqlPort, modules: ModuleMigrations[]): Promise<string[]> {
  const run = async () => {
    const applied: string[] = []
    for (const { module, migrations } of [...modules].sort((a, b) => a.module.localeCompare(b.module))) {
      const migrator = new Migrator({
        db: port.db,
        migrationTableSchema: module,
        provider: { getMigrations: async () => migrations },
      })
      const { error, results } = await migrator.migrateToLatest()
      if (error)
        throw new Error(`migrating ${module} failed: ${String((error as Error).message ?? error)}`, { cause: error })
      for (const result of results ?? []) applied.push(`${module}/${result.migrationName}`)
    }
    return applied
  }
  if (port.kind === 'embedded') return run()

  return port.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection)
    try {
      return await run()
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection)
    }
  })
}
