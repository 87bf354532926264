import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface MigrationFile {
  module: string
  name: string
  path: string
}

const subfolders = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : []

const migrationsIn = (module: string, dir: string): MigrationFile[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
        .sort()
        .map((file) => ({ module, name: file.replace(/\.ts$/, ''), path: join(dir, file) }))
    : []

/**
 * Finds every schema's migrations: a context's in `layers/<module>/server/migrations/`, the
 * kernel's own in `server/migrations/<schema>/`. Names sort as they run, so they are
 * date-prefixed (`2026-11-24-create-schema.ts`) and frozen once committed.
 */
export function scanMigrationFiles(rootDir: string): MigrationFile[] {
  const layers = subfolders(join(rootDir, 'layers')).flatMap((module) =>
    migrationsIn(module, join(rootDir, 'layers', module, 'server', 'migrations')),
  )
  const kernel = subfolders(join(rootDir, 'server', 'migrations')).flatMap((schema) =>
    migrationsIn(schema, join(rootDir, 'server', 'migrations', schema)),
  )
  return [...kernel, ...layers]
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
