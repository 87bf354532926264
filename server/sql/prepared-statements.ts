import type { PostgresPool } from 'kysely'
import type pg from 'pg'

/** Distinct statements a pool names; past them, statements run unnamed, as before. */
export const PREPARED_STATEMENTS_LIMIT = 500

type Query = (...args: unknown[]) => unknown

/**
 * Whether a statement's result columns may come from a `*`. Postgres refuses to run a prepared
 * statement whose result columns changed ("cached plan must not change result type"), which is
 * what a rolling deploy's migration adding a column does to the instances still running; named
 * columns stay what they were. Conservative: any `*` in a statement that returns rows.
 */
const mayReturnStar = (text: string) => text.includes('*') && /^\s*(select|with)\b|\breturning\b/i.test(text)

/**
 * A `pg` pool for Kysely whose connections name each parameterised statement, so Postgres parses
 * and plans it once per connection instead of on every call. Kysely sends every statement
 * unnamed; a checkout makes about forty, and parsing them again was a fifth of its cost (the
 * checkout bench went from 40-53 to 60-63 orders a second). At most `limit` distinct statements
 * are named, so a statement built with a varying number of values cannot grow every connection's
 * cache without end. A connection the pool replaces starts with none; Postgres keeps a plan valid
 * across DDL by planning again.
 */
export function preparingPool(pool: pg.Pool, limit = PREPARED_STATEMENTS_LIMIT): PostgresPool {
  const names = new Map<string, string>()
  const nameOf = (text: string) => {
    let name = names.get(text)
    if (!name && names.size < limit && !mayReturnStar(text)) names.set(text, (name = `shop_${names.size}`))
    return name
  }
  const preparing = new WeakSet<pg.PoolClient>()
  async function connect() {
    const client = await pool.connect()
    if (preparing.has(client)) return client
    const query = client.query.bind(client) as Query
    const named: Query = (text, values) => {
      const name = typeof text === 'string' && Array.isArray(values) && values.length ? nameOf(text) : undefined
      return name ? query({ name, text, values }) : query(text, values)
    }
    Object.assign(client, { query: named })
    preparing.add(client)
    return client
  }
  return { connect, end: () => pool.end() }
}
