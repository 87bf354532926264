import type { Document } from 'bson'
import { keyOf, valuesAt } from '../engine/keys'
import { aggregate as runPipeline, find as runFind, select } from '../engine/read'
import { MongoWireError } from '../errors'
import { namespaceOf, numberOption, type CommandHandler } from './context'

const find: CommandHandler = (command, { engine }) => {
  const { db, coll, ns } = namespaceOf(command, 'find')
  const limit = numberOption(command.limit)
  const documents = runFind(engine.store.collection(db, coll), (command.filter ?? {}) as Document, {
    sort: command.sort as Document | undefined,
    projection: command.projection as Document | undefined,
    skip: numberOption(command.skip),
    limit: limit === undefined ? undefined : Math.abs(limit),
  })
  const singleBatch = Boolean(command.singleBatch) || (limit !== undefined && limit < 0)
  return engine.cursors.start(ns, documents, numberOption(command.batchSize), singleBatch)
}

const getMore: CommandHandler = (command, { engine }) => {
  const db = String(command.$db)
  const id = numberOption(command.getMore)
  if (id === undefined || typeof command.collection !== 'string')
    throw new MongoWireError('FailedToParse', 'getMore needs a cursor id and a collection')
  return engine.cursors.more(id, `${db}.${command.collection}`, numberOption(command.batchSize))
}

const killCursors: CommandHandler = (command, { engine }) => {
  namespaceOf(command, 'killCursors')
  const ids = Array.isArray(command.cursors) ? command.cursors.map((id: unknown) => Number(id)) : []
  return engine.cursors.kill(ids)
}

const count: CommandHandler = (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'count')
  let n = select(engine.store.collection(db, coll), (command.query ?? {}) as Document).length
  n = Math.max(0, n - (numberOption(command.skip) ?? 0))
  const limit = Math.abs(numberOption(command.limit) ?? 0)
  return { n: limit ? Math.min(n, limit) : n, ok: 1 }
}

const distinct: CommandHandler = (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'distinct')
  if (typeof command.key !== 'string') throw new MongoWireError('TypeMismatch', "'key' must be of type String")
  const values = new Map<string, unknown>()
  for (const document of select(engine.store.collection(db, coll), (command.query ?? {}) as Document)) {
    for (const value of valuesAt(document, command.key)) if (value !== undefined) values.set(keyOf(value), value)
  }
  return { values: [...values.values()], ok: 1 }
}

const aggregate: CommandHandler = (command, { engine }) => {
  const db = String(command.$db)
  const coll = typeof command.aggregate === 'string' ? command.aggregate : undefined
  if (!Array.isArray(command.pipeline))
    throw new MongoWireError('TypeMismatch', "'pipeline' option must be specified as an array")
  const collection = coll ? engine.store.collection(db, coll) : undefined
  const resolve = (name: string) => [...(engine.store.collection(db, name)?.documents.values() ?? [])]
  let documents: Document[]
  try {
    documents = runPipeline(collection, command.pipeline as Document[], resolve)
  } catch (error) {
    if (error instanceof MongoWireError) throw error
    throw new MongoWireError('BadValue', error instanceof Error ? error.message : String(error))
  }
  const batchSize = numberOption((command.cursor as Document | undefined)?.batchSize)
  return engine.cursors.start(`${db}.${coll ?? '$cmd.aggregate'}`, documents, batchSize)
}

/** Reading: queries, cursors, counts, distinct values and aggregation pipelines. */
export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct, aggregate }
