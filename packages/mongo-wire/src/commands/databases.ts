import { BSON, type Document } from 'bson'
import { Query } from 'mingo'
import { ID_INDEX } from '../engine/indexes'
import { MongoWireError } from '../errors'
import { namespaceOf, writing, type CommandHandler } from './context'

// Fields of a `create` command that are about the request, not options of the collection.
const requestFields = new Set([
  'create',
  'lsid',
  'txnNumber',
  'autocommit',
  'startTransaction',
  'writeConcern',
  'comment',
])

const listDatabases: CommandHandler = (command, { engine }) => {
  const databases = engine.store.databaseNames().map((name) => {
    const sizeOnDisk = engine.store
      .collections(name)
      .reduce((sum, c) => sum + [...c.documents.values()].reduce((s, d) => s + BSON.calculateObjectSize(d), 0), 0)
    return command.nameOnly ? { name } : { name, sizeOnDisk, empty: sizeOnDisk === 0 }
  })
  const filtered = command.filter ? new Query(command.filter as Document).find(databases).all() : databases
  return {
    databases: filtered,
    totalSize: databases.reduce((sum, d) => sum + ((d as Document).sizeOnDisk ?? 0), 0),
    ok: 1,
  }
}

const listCollections: CommandHandler = (command, { engine }) => {
  const db = String(command.$db)
  const all = engine.store.collections(db).map((collection) =>
    command.nameOnly
      ? { name: collection.name, type: 'collection' }
      : {
          name: collection.name,
          type: 'collection',
          options: collection.options,
          info: { readOnly: false },
          idIndex: ID_INDEX,
        },
  )
  const filter = (command.filter ?? {}) as Document
  const matching = Object.keys(filter).length ? (new Query(filter).find(all).all() as Document[]) : all
  const batchSize = (command.cursor as Document | undefined)?.batchSize as number | undefined
  return engine.cursors.start(`${db}.$cmd.listCollections`, matching, batchSize)
}

const create: CommandHandler = async (command, { engine }) => {
  const { db, coll, ns } = namespaceOf(command, 'create')
  if (engine.store.collection(db, coll)) throw new MongoWireError('NamespaceExists', `Collection ${ns} already exists.`)
  const options = Object.fromEntries(
    Object.entries(command).filter(([key]) => !key.startsWith('$') && !requestFields.has(key)),
  )
  await writing(engine, (writes) => writes.record({ op: 'createCollection', db, coll, options }))
  return { ok: 1 }
}

const drop: CommandHandler = async (command, { engine }) => {
  const { db, coll, ns } = namespaceOf(command, 'drop')
  const collection = engine.store.collection(db, coll)
  if (!collection) throw new MongoWireError('NamespaceNotFound', 'ns not found')
  await writing(engine, (writes) => writes.record({ op: 'dropCollection', db, coll }))
  return { nIndexesWas: collection.indexes.size, ns, ok: 1 }
}

const dropDatabase: CommandHandler = async (command, { engine }) => {
  const db = String(command.$db)
  await writing(engine, (writes) => writes.record({ op: 'dropDatabase', db }))
  return { dropped: db, ok: 1 }
}

/** Databases and collections: listing, creating, dropping. */
export const databaseCommands: Record<string, CommandHandler> = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
}
