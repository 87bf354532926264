import type { Document } from 'bson'
import { Collection } from '../engine/collection'
import { keyOf } from '../engine/keys'
import { find as runFind, project, select } from '../engine/read'
import type { Writes } from '../engine/store'
import { updated, upsertSeed, type UpdateSpec } from '../engine/update'
import { MongoWireError, writeError } from '../errors'
import { namespaceOf, writing, type CommandHandler, type Engine } from './context'

/**
 * Runs a batch of write statements as MongoDB does: each on its own, failures reported by index in
 * `writeErrors`, an ordered batch stopping at its first failure. `apply` returns how many
 * documents its statement counts towards `n`.
 */
async function batch<S>(
  engine: Engine,
  command: Document,
  field: string,
  apply: (writes: Writes, statement: S, index: number) => number,
): Promise<Document> {
  const statements = command[field]
  if (!Array.isArray(statements)) throw new MongoWireError('TypeMismatch', `'${field}' must be an array`)
  const writeErrors: Document[] = []
  const n = await writing(engine, (writes) => {
    let total = 0
    for (const [index, statement] of (statements as S[]).entries()) {
      try {
        total += apply(writes, statement, index)
      } catch (error) {
        writeErrors.push(writeError(index, error))
        if (command.ordered !== false) break
      }
    }
    return total
  })
  return { n, ...(writeErrors.length ? { writeErrors } : {}) }
}

const insert: CommandHandler = async (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'insert')
  const result = await batch<Document>(engine, command, 'documents', (writes, document) => {
    const collection = writes.collection(db, coll)
    const stored = Collection.withId(document)
    if (collection.get(keyOf(stored._id))) throw collection.duplicateId(stored._id)
    writes.put(collection, stored)
    return 1
  })
  // MongoDB creates the collection even when every document failed.
  if (!engine.store.collection(db, coll)) await writing(engine, (writes) => writes.collection(db, coll))
  return { ...result, ok: 1 }
}

interface UpdateStatement {
  q: Document
  u: UpdateSpec
  upsert?: boolean
  multi?: boolean
  arrayFilters?: Document[]
}

/** Inserts the document an upsert creates; returns it. */
function upsert(writes: Writes, collection: Collection, statement: UpdateStatement): Document {
  const document = updated(upsertSeed(statement.q), statement.u, {
    inserting: true,
    arrayFilters: statement.arrayFilters,
  })
  if (collection.get(keyOf(document._id))) throw collection.duplicateId(document._id)
  writes.put(collection, document)
  return document
}

const update: CommandHandler = async (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'update')
  const upserted: Document[] = []
  let nModified = 0
  const result = await batch<UpdateStatement>(engine, command, 'updates', (writes, statement, index) => {
    const existing = engine.store.collection(db, coll)
    const matched = select(existing, statement.q ?? {})
    const targets = statement.multi ? matched : matched.slice(0, 1)
    for (const target of targets) {
      const next = updated(target, statement.u, { arrayFilters: statement.arrayFilters, query: statement.q })
      if (next === target) continue
      writes.put(existing!, next)
      nModified++
    }
    if (targets.length || !statement.upsert) return targets.length
    const document = upsert(writes, writes.collection(db, coll), statement)
    upserted.push({ index, _id: document._id })
    return 1
  })
  return { ...result, nModified, ...(upserted.length ? { upserted } : {}), ok: 1 }
}

const remove: CommandHandler = async (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'delete')
  const result = await batch<{ q: Document; limit: number }>(engine, command, 'deletes', (writes, statement) => {
    const collection = engine.store.collection(db, coll)
    const matched = select(collection, statement.q ?? {})
    const doomed = Number(statement.limit) === 1 ? matched.slice(0, 1) : matched
    for (const document of doomed) writes.delete(collection!, document._id)
    return doomed.length
  })
  return { ...result, ok: 1 }
}

const findAndModify: CommandHandler = async (command, { engine }) => {
  const { db, coll } = namespaceOf(command, 'findAndModify')
  const query = (command.query ?? {}) as Document
  const fields = command.fields as Document | undefined
  if (!command.remove && command.update === undefined)
    throw new MongoWireError('FailedToParse', 'Either an update or remove=true must be specified')
  const shown = (document: Document | undefined) => (document ? project(document, fields) : null)
  return writing(engine, (writes) => {
    const collection = engine.store.collection(db, coll)
    const [target] = runFind(collection, query, { sort: command.sort as Document | undefined, limit: 1 })
    const found = target && collection!.get(keyOf(target._id))
    if (command.remove) {
      if (found) writes.delete(collection!, found._id)
      return { lastErrorObject: { n: found ? 1 : 0 }, value: shown(found), ok: 1 }
    }
    const statement: UpdateStatement = {
      q: query,
      u: command.update as UpdateSpec,
      arrayFilters: command.arrayFilters as Document[],
    }
    if (found) {
      const next = updated(found, statement.u, { arrayFilters: statement.arrayFilters, query })
      if (next !== found) writes.put(collection!, next)
      return { lastErrorObject: { n: 1, updatedExisting: true }, value: shown(command.new ? next : found), ok: 1 }
    }
    if (!command.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 }
    const document = upsert(writes, writes.collection(db, coll), statement)
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: document._id },
      value: command.new ? shown(document) : null,
      ok: 1,
    }
  })
}

/** Writing: insert, update, delete and findAndModify, each answered once durable. */
export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
}
