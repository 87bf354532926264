import type { Document } from 'bson'
import { defaultIndexName, normalizeIndex } from '../engine/indexes'
import { MongoWireError } from '../errors'
import { namespaceOf, writing, type CommandHandler } from './context'

const createIndexes: CommandHandler = async (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'createIndexes')
  const indexes = command.indexes
  if (!Array.isArray(indexes) || !indexes.length)
    throw new MongoWireError('BadValue', 'Must specify at least one index to create')
  // Checked up front so one malformed index in the list creates none of them.
  const specs = indexes.map((index: Document) => normalizeIndex(index))
  const existed = Boolean(engine.store.collection(db, coll))
  const { collection, numIndexesBefore } = await writing(engine, (writes) => {
    const collection = writes.collection(db, coll)
    const numIndexesBefore = collection.indexes.size
    for (const spec of specs) writes.record({ op: 'createIndex', db, coll, spec })
    return { collection, numIndexesBefore }
  })
  const numIndexesAfter = collection.indexes.size
  return {
    createdCollectionAutomatically: !existed,
    numIndexesBefore,
    numIndexesAfter,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  }
}

const listIndexes: CommandHandler = (command, { engine }) => {
  const { db, coll, ns } = namespaceOf(command, 'listIndexes')
  const collection = engine.store.collection(db, coll)
  if (!collection) throw new MongoWireError('NamespaceNotFound', `ns does not exist: ${ns}`)
  const batchSize = (command.cursor as Document | undefined)?.batchSize as number | undefined
  return engine.cursors.start(ns, [...collection.indexes.values()], batchSize)
}

const dropIndexes: CommandHandler = async (command, { engine }) => {
  const { db, coll, ns } = namespaceOf(command, 'dropIndexes')
  const collection = engine.store.collection(db, coll)
  if (!collection) throw new MongoWireError('NamespaceNotFound', `ns not found ${ns}`)
  const nIndexesWas = collection.indexes.size
  const target = command.index as unknown
  const names =
    target === '*'
      ? [...collection.indexes.keys()].filter((name) => name !== '_id_')
      : Array.isArray(target)
        ? target.map(String)
        : typeof target === 'string'
          ? [target]
          : [nameForKey(collection.indexes, target as Document)]
  await writing(engine, (writes) => {
    for (const name of names) writes.record({ op: 'dropIndex', db, coll, name })
  })
  return { nIndexesWas, ok: 1 }
}

function nameForKey(indexes: Map<string, Document>, key: Document): string {
  const wanted = JSON.stringify(key)
  for (const [name, spec] of indexes) if (JSON.stringify(spec.key) === wanted) return name
  throw new MongoWireError('IndexNotFound', `can't find index with key: ${defaultIndexName(key)}`)
}

/** Creating, listing and dropping indexes. */
export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes }
