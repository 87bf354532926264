import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface MigrationFile {
  module: string
  name: string
  path: string
}

/**
 * Finds `layers/<module>/server/migrations/*.ts`. Names sort as they run, so they are
 * date-prefixed (`2026-11-24-create-schema.ts`) and frozen once committed.
 */
export function scanMigrationFiles(rootDir: string): MigrationFile[] {
  const layersDir = join(rootDir, 'layers')
  if (!existsSync(layersDir)) return []
  return readdirSync(layersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(layersDir, entry.name, 'server', 'migrations')
      if (!existsSync(dir)) return []
      return readdirSync(dir)
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
        .sort()
        .map((file) => ({ module: entry.name, name: file.replace(/\.ts$/, ''), path: join(dir, file) }))
    })
}

/** Groups files by module, in the shape the kernel's migrator takes. */
export function groupByModule<T>(files: MigrationFile[], load: (file: MigrationFile) => T) {
  const modules = new Map<string, Record<string, T>>()
  for (const file of files) {
    const migrations = modules.get(file.module) ?? {}
    migrations[file.name] = load(file)
    modules.set(file.module, migrations)
  }
  return [...modules].map(([module, migrations]) => ({ module, migrations }))
}
