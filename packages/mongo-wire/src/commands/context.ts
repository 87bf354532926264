import type { Document } from 'bson'
import type { Cursors } from '../engine/cursors'
import { Writes, type Store } from '../engine/store'
import { MongoWireError } from '../errors'
import type { Change } from '../persistence/durable-log'

/** What every command runs against: the data, the open cursors, and the way to make writes durable. */
export interface Engine {
  store: Store
  cursors: Cursors
  /** Resolves once these changes would survive a crash. */
  persist(changes: Change[]): Promise<void>
}

export interface CommandContext {
  connectionId: number
  engine: Engine
}

export type CommandHandler = (command: Document, context: CommandContext) => Document | Promise<Document>

/** The database and collection a command names (`{ find: 'products', $db: 'shop' }`). */
export function namespaceOf(command: Document, name: string): { db: string; coll: string; ns: string } {
  const db = typeof command.$db === 'string' ? command.$db : 'test'
  const coll = command[name]
  if (typeof coll !== 'string' || !coll)
    throw new MongoWireError('InvalidNamespace', `collection name has invalid type ${typeof coll}`)
  return { db, coll, ns: `${db}.${coll}` }
}

/** A numeric option that may come as a BSON Long or a double. */
export const numberOption = (value: unknown): number | undefined =>
  value === undefined || value === null ? undefined : Number(value)

/**
 * Runs a command's writes and answers once they are durable, also when the command fails part
 * way (what it applied must reach the journal too). `work` is synchronous, so no other command's
 * writes interleave with it.
 */
export async function writing<T>(engine: Engine, work: (writes: Writes) => T): Promise<T> {
  const writes = new Writes(engine.store)
  try {
    return work(writes)
  } finally {
    await engine.persist(writes.changes)
  }
}
