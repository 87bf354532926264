import type { Kysely } from 'kysely'
import type { InfrastructureKind } from '../config/settings'

/** The relational store: one Kysely instance over one pool, real Postgres or embedded PGlite. */
export interface SqlPort {
  kind: InfrastructureKind
  db: Kysely<unknown>
  close(): Promise<void>
}

/**
 * A context's typed view of its own schema. Each context declares one interface for its tables,
 * so a query on another context's tables does not compile.
 */
export const schemaDb = <Database>(sql: SqlPort, schema: string): Kysely<Database> =>
  (sql.db as Kysely<Database>).withSchema(schema)
