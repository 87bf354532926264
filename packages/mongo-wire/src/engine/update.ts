import { BSON, ObjectId, type Document } from 'bson'
import { Aggregator } from 'mingo'
import { update as applyOperators } from 'mingo/updater'
import { MongoWireError } from '../errors'
import { keyOf } from './keys'

/** A deep copy: stored documents are never changed in place. */
export const copyOf = (document: Document): Document =>
  BSON.deserialize(BSON.serialize(document), { promoteValues: true })

export type UpdateSpec = Document | Document[]

/** A new document replacing the old, or the same object when the update changed nothing. */
export function updated(
  document: Document,
  spec: UpdateSpec,
  options: { arrayFilters?: Document[]; query?: Document; inserting?: boolean } = {},
): Document {
  let result: Document
  let unchanged: boolean | undefined
  if (Array.isArray(spec)) {
    result = (new Aggregator(spec).run([copyOf(document)]) as Document[])[0]!
  } else if (!isOperatorUpdate(spec)) {
    result = { _id: document._id, ...withoutId(spec, document) }
  } else {
    result = copyOf(document)
    const { $setOnInsert: onInsert, ...operators } = spec
    const modifier =
      options.inserting && onInsert ? { ...operators, $set: { ...operators.$set, ...onInsert } } : operators
    try {
      // mingo reports the paths it changed: none means the stored document stays as it is.
      unchanged =
        !Object.keys(modifier).length ||
        !applyOperators(result, modifier, options.arrayFilters, options.query, { cloneMode: 'deep' }).length
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new MongoWireError(/immutable field/.test(message) ? 'ImmutableField' : 'BadValue', message)
    }
  }
  if (keyOf(result._id) !== keyOf(document._id) && document._id !== undefined)
    throw new MongoWireError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    )
  if (result._id === undefined) {
    const { _id: _missing, ...fields } = result
    result = { _id: new ObjectId(), ...fields }
    unchanged = false
  }
  if (unchanged) return document
  if (unchanged === false) return result
  return Buffer.from(BSON.serialize(result)).equals(BSON.serialize(document)) ? document : result
}

export function isOperatorUpdate(spec: Document): boolean {
  const keys = Object.keys(spec)
  const operators = keys.filter((key) => key.startsWith('$'))
  if (operators.length && operators.length !== keys.length)
    throw new MongoWireError('FailedToParse', 'Update document mixes update operators and fields')
  return operators.length > 0
}

function withoutId(replacement: Document, original: Document): Document {
  const { _id, ...rest } = replacement
  if (_id !== undefined && original._id !== undefined && keyOf(_id) !== keyOf(original._id))
    throw new MongoWireError(
      'ImmutableField',
      "After applying the update, the (immutable) field '_id' was found to have been altered",
    )
  return rest
}

/** The document an upsert starts from: the query's equality conditions, as MongoDB seeds it. */
export function upsertSeed(query: Document): Document {
  const seed: Document = {}
  const visit = (conditions: Document) => {
    for (const [path, value] of Object.entries(conditions)) {
      if (path === '$and' && Array.isArray(value)) value.forEach((part) => visit(part as Document))
      if (path.startsWith('$')) continue
      if (isPlainValue(value)) setPath(seed, path, value)
      else if ((value as Document).$eq !== undefined) setPath(seed, path, (value as Document).$eq)
    }
  }
  visit(query)
  return seed
}

const isPlainValue = (value: unknown) =>
  value === null ||
  typeof value !== 'object' ||
  value instanceof Date ||
  Array.isArray(value) ||
  '_bsontype' in (value as object) ||
  !Object.keys(value as object).some((key) => key.startsWith('$'))

function setPath(target: Document, path: string, value: unknown) {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Document
  node[parts.at(-1)!] = value
}
