import type { Document } from 'bson'
import { MongoWireError } from '../errors'
import type { Change } from '../persistence/durable-log'
import { Collection } from './collection'
import { keyOf } from './keys'

const validName = /^[^\0$]+$/

/** Every database and collection this server holds, changed only through `apply`. */
export class Store {
  private readonly databases = new Map<string, Map<string, Collection>>()

  databaseNames(): string[] {
    return [...this.databases.keys()]
  }

  collections(database: string): Collection[] {
    return [...(this.databases.get(database)?.values() ?? [])]
  }

  collection(database: string, name: string): Collection | undefined {
    return this.databases.get(database)?.get(name)
  }

  /** Applies one change; recovery replays the log through here, and every write goes through it. */
  apply(change: Change): void {
    switch (change.op) {
      case 'createCollection': {
        if (!validName.test(change.db) || !validName.test(change.coll))
          throw new MongoWireError('InvalidNamespace', `Invalid namespace specified '${change.db}.${change.coll}'`)
        let database = this.databases.get(change.db)
        if (!database) this.databases.set(change.db, (database = new Map()))
        if (!database.has(change.coll))
          database.set(change.coll, new Collection(change.db, change.coll, change.options))
        return
      }
      case 'dropCollection': {
        const database = this.databases.get(change.db)
        database?.delete(change.coll)
        if (database && !database.size) this.databases.delete(change.db)
        return
      }
      case 'dropDatabase':
        this.databases.delete(change.db)
        return
      case 'createIndex':
        this.existing(change.db, change.coll).createIndex(change.spec)
        return
      case 'dropIndex':
        this.existing(change.db, change.coll).dropIndex(change.name)
        return
      case 'put': {
        const collection = this.existing(change.db, change.coll)
        collection.check(change.doc)
        collection.put(change.doc)
        return
      }
      case 'delete':
        this.existing(change.db, change.coll).delete(keyOf(change.id))
        return
    }
  }

  private existing(database: string, name: string): Collection {
    const collection = this.collection(database, name)
    if (!collection) throw new MongoWireError('NamespaceNotFound', `ns not found: ${database}.${name}`)
    return collection
  }

  /** The changes that rebuild this state from nothing: what a snapshot holds. */
  *snapshot(): Iterable<Change> {
    for (const [db, collections] of this.databases) {
      for (const [coll, collection] of collections) {
        yield { op: 'createCollection', db, coll, options: collection.options }
        for (const spec of collection.indexes.values())
          if (spec.name !== '_id_') yield { op: 'createIndex', db, coll, spec }
        for (const doc of collection.documents.values()) yield { op: 'put', db, coll, doc }
      }
    }
  }
}

/**
 * The writes of one command, applied to the store as they happen and kept, so the command answers
 * only once they are durable.
 */
export class Writes {
  readonly changes: Change[] = []

  constructor(private readonly store: Store) {}

  /** The collection, created (as MongoDB does on first write) if missing. */
  collection(db: string, coll: string): Collection {
    const existing = this.store.collection(db, coll)
    if (existing) return existing
    this.record({ op: 'createCollection', db, coll, options: {} })
    return this.store.collection(db, coll)!
  }

  put(collection: Collection, doc: Document): void {
    this.record({ op: 'put', db: collection.database, coll: collection.name, doc })
  }

  delete(collection: Collection, id: unknown): void {
    this.record({ op: 'delete', db: collection.database, coll: collection.name, id })
  }

  record(change: Change): void {
    this.store.apply(change)
    this.changes.push(change)
  }
}
