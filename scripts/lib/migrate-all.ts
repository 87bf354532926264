import type { Migration } from 'kysely'
import { groupByModule, scanMigrationFiles } from '../../modules/module-migrations/scan'
import { migrateModules } from '#kernel/sql/migrate'
import type { SqlPort } from '#kernel/sql/sql-port'

/** Applies every layer's and the kernel's migrations, the same ones the app applies at start-up. */
export async function migrateAll(port: SqlPort, rootDir = process.cwd()): Promise<string[]> {
  const files = scanMigrationFiles(rootDir)
  const loaded = new Map<string, Migration>()
  for (const file of files) loaded.set(file.path, (await import(file.path)) as Migration)
  return migrateModules(
    port,
    groupByModule(files, (file) => loaded.get(file.path)!),
  )
}
