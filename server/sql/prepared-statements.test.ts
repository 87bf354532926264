import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServices } from '#test/support/services'
import { preparingPool } from './prepared-statements'

const services = testServices()
const SCHEMA = 'prepared_statements_test'

describe.skipIf(!services.databaseUrl)('statements prepared once per connection, on real Postgres', () => {
  let pool: pg.Pool
  let db: Kysely<unknown>

  /** What this connection has prepared: the pool holds one, so every statement runs on it. */
  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map(
      (row) => row.statement,
    )

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: services.databaseUrl, max: 1 })
    db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool, 4) }) })
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db)
    await sql`create schema ${sql.id(SCHEMA)}`.execute(db)
    await sql`create table ${sql.id(SCHEMA, 'widgets')} (id int primary key, name text not null)`.execute(db)
  })
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(SCHEMA)} cascade`.execute(db)
    await db.destroy()
  })

  const insert = (id: number, name: string) =>
    sql`insert into ${sql.id(SCHEMA, 'widgets')} (id, name) values (${id}, ${name})`.execute(db)
  const nameOf = async (id: number) =>
    (await sql<{ name: string }>`select name from ${sql.id(SCHEMA, 'widgets')} where id = ${id}`.execute(db)).rows

  it('parses a parameterised statement once, however often it runs, and answers each run with its own values', async () => {
    await insert(1, 'cog')
    await insert(2, 'gear')
    expect(await nameOf(1)).toEqual([{ name: 'cog' }])
    expect(await nameOf(2)).toEqual([{ name: 'gear' }])
    const statements = await prepared()
    expect(statements.filter((text) => text.includes('insert into'))).toHaveLength(1)
    expect(statements.filter((text) => text.includes('select name'))).toHaveLength(1)
  })

  it('keeps statements whose columns come from a * unnamed, and they and the named ones survive a new column', async () => {
    const star = () =>
      sql<Record<string, unknown>>`select * from ${sql.id(SCHEMA, 'widgets')} where id = ${1}`.execute(db)
    expect((await star()).rows).toEqual([{ id: 1, name: 'cog' }])
    expect((await prepared()).filter((text) => text.includes('select *'))).toEqual([])

    // What a rolling deploy's migration does to an instance still running.
    await sql`alter table ${sql.id(SCHEMA, 'widgets')} add column colour text`.execute(db)
    expect((await star()).rows).toEqual([{ id: 1, name: 'cog', colour: null }])
    expect(await nameOf(1)).toEqual([{ name: 'cog' }])
    await insert(3, 'sprocket')
    expect(await nameOf(3)).toEqual([{ name: 'sprocket' }])
  })

  it('names no more statements than its limit; the rest run unnamed and still answer', async () => {
    const counts = await Promise.all(
      [5, 6, 7, 8].map(
        async (limit) =>
          (await sql<{ n: number }>`select ${limit}::int as n from ${sql.id(SCHEMA, 'widgets')} limit ${1}`.execute(db))
            .rows,
      ),
    )
    // One text: the placeholders are the same whatever the values.
    expect(counts).toEqual([[{ n: 5 }], [{ n: 6 }], [{ n: 7 }], [{ n: 8 }]])
    for (const column of ['id', 'name', 'colour'])
      await sql`select ${sql.ref(column)} from ${sql.id(SCHEMA, 'widgets')} where id = ${1}`.execute(db)
    expect(await prepared()).toHaveLength(4)
  })
})
