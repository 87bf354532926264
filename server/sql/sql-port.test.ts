import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { createSql } from './create-sql'
import { migrateModules, type ModuleMigrations } from './migrate'
import { schemaDb, type SqlPort } from './sql-port'

interface WidgetsDatabase {
  widgets: { id: number; name: string }
}

const widgetMigrations: ModuleMigrations = {
  module: 'widgets',
  migrations: {
    '2026-11-24-create-schema': {
      up: async (db: Kysely<unknown>) => void (await sql`create schema if not exists widgets`.execute(db)),
    },
    '2026-11-24-create-widgets': {
      up: async (db: Kysely<unknown>) =>
        void (await sql`create table widgets.widgets (id int primary key, name text not null)`.execute(db)),
    },
  },
}

const services = testServices()

/** One suite, every adapter: the embedded PGlite must behave like the real Postgres. */
const adapters: [string, (dir: string) => Promise<SqlPort>, boolean][] = [
  ['real Postgres', () => createSql({ databaseUrl: services.databaseUrl, dataDir: '' }), !services.databaseUrl],
  ['embedded PGlite', (dataDir) => createSql({ dataDir }), false],
]

describe.each(adapters)('SqlPort on %s', (_name, create, unavailable) => {
  let dir: string
  let port: SqlPort

  beforeAll(async () => {
    if (unavailable) return
    dir = await mkdtemp(join(tmpdir(), 'shop-sql-'))
    port = await create(dir)
    await sql`drop schema if exists widgets cascade`.execute(port.db)
  })
  afterAll(async () => {
    await port?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it.skipIf(unavailable)('applies each module migration once, inside the module schema', async () => {
    expect(await migrateModules(port, [widgetMigrations])).toEqual([
      'widgets/2026-11-24-create-schema',
      'widgets/2026-11-24-create-widgets',
    ])
    expect(await migrateModules(port, [widgetMigrations])).toEqual([])
    const { rows } = await sql<{ name: string }>`select name from widgets.kysely_migration order by name`.execute(
      port.db,
    )
    expect(rows.map((r) => r.name)).toHaveLength(2)
  })

  it.skipIf(unavailable)('gives a context a typed view of its own schema', async () => {
    const widgets = schemaDb<WidgetsDatabase>(port, 'widgets')
    await widgets.insertInto('widgets').values({ id: 1, name: 'gear' }).execute()
    expect(await widgets.selectFrom('widgets').select('name').where('id', '=', 1).executeTakeFirst()).toEqual({
      name: 'gear',
    })
  })

  it.skipIf(unavailable)('rolls a failed transaction back entirely', async () => {
    const widgets = schemaDb<WidgetsDatabase>(port, 'widgets')
    await expect(
      widgets.transaction().execute(async (trx) => {
        await trx.insertInto('widgets').values({ id: 2, name: 'cog' }).execute()
        await trx.insertInto('widgets').values({ id: 2, name: 'duplicate' }).execute()
      }),
    ).rejects.toThrow(/duplicate key/)
    expect(await widgets.selectFrom('widgets').select('id').where('id', '=', 2).execute()).toEqual([])
  })
})

describe.skipIf(!services.databaseUrl)('migrations on real Postgres', () => {
  const database = `shop_test_${services.runId}_twins`
  const url = services.databaseUrl && Object.assign(new URL(services.databaseUrl), { pathname: `/${database}` }).href

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: services.adminDatabaseUrl })
    await admin.connect()
    await admin.query(`create database ${database}`)
    await admin.end()
  })
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: services.adminDatabaseUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
  })

  it('are safe when several instances start at once', async () => {
    const instances = await Promise.all([1, 2, 3, 4].map(() => createSql({ databaseUrl: url, dataDir: '' })))
    try {
      const applied = await Promise.all(instances.map((port) => migrateModules(port, [widgetMigrations])))
      // Exactly one instance applied the migrations; the others found them done.
      expect(applied.flat().sort()).toEqual(['widgets/2026-11-24-create-schema', 'widgets/2026-11-24-create-widgets'])
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from widgets.kysely_migration`.execute(
        instances[0]!.db,
      )
      expect(rows[0]!.n).toBe(2)
    } finally {
      await Promise.all(instances.map((port) => port.close()))
    }
  })
})
