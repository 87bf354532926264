import { Migrator, type Migration } from 'kysely'
import type { SqlPort } from './sql-port'

/** One context's migrations, applied in name order inside its own schema. */
export interface ModuleMigrations {
  module: string
  migrations: Record<string, Migration>
}

/**
 * Brings every module's schema up to date. Each module keeps its history in its own schema
 * (`<module>.kysely_migration`). Instances starting at once are safe: Kysely's migrator holds a
 * transaction-scoped advisory lock while it runs and tolerates a schema created concurrently
 * (proved by sql-port.test.ts).
 */
export async function migrateModules(port: SqlPort, modules: ModuleMigrations[]): Promise<string[]> {
  const applied: string[] = []
  for (const { module, migrations } of [...modules].sort((a, b) => a.module.localeCompare(b.module))) {
    const migrator = new Migrator({
      db: port.db,
      migrationTableSchema: module,
      provider: { getMigrations: async () => migrations },
    })
    const { error, results } = await migrator.migrateToLatest()
    if (error)
      throw new Error(`migrating ${module} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      })
    for (const result of results ?? []) applied.push(`${module}/${result.migrationName}`)
  }
  return applied
}
