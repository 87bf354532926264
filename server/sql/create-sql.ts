import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { preparingPool } from './prepared-statements'
import type { SqlPort } from './sql-port'

export interface SqlOptions {
  databaseUrl?: string
  dataDir: string
  /** Shown in pg_stat_activity, so fault tests and operators can find this app's connections. */
  applicationName?: string
  poolSize?: number
}

/** Real Postgres over `pg` when a URL is configured; otherwise PGlite with its data under dataDir. */
export async function createSql(options: SqlOptions): Promise<SqlPort> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      application_name: options.applicationName ?? 'shop',
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    })
    // A connection killed by the server emits 'error' on the idle client; the pool replaces it.
    pool.on('error', () => {})
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) })
    return { kind: 'real', db, close: () => db.destroy() }
  }

  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ])
  const dir = join(options.dataDir, 'pglite')
  await mkdir(dir, { recursive: true })
  const client = await PGlite.create(dir)
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(client) })
  return {
    kind: 'embedded',
    db,
    close: async () => {
      await db.destroy()
      if (!client.closed) await client.close()
    },
  }
}

export async function pingSql(port: SqlPort): Promise<void> {
  await sql`select 1`.execute(port.db)
}
