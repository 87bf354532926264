import type { Document } from 'bson'
import { Aggregator, Query } from 'mingo'
import type { Options } from 'mingo/types'
import { MongoWireError } from '../errors'
import type { Collection } from './collection'
import { keyOf } from './keys'

// Where a document's text score travels through mingo; taken off again before anything is sent.
const SCORE = '__mongoWireTextScore'
const isTextScoreMeta = (value: unknown) =>
  typeof value === 'object' && value !== null && (value as Document).$meta === 'textScore'

export interface FindOptions {
  sort?: Document
  projection?: Document
  skip?: number
  limit?: number
}

/** A collection's documents matching a filter, in natural order, with text scores when `$text` asked. */
export function select(collection: Collection | undefined, filter: Document = {}): Document[] {
  if (!collection) return []
  const { $text: text, ...rest } = filter
  let candidates: Iterable<Document>
  if (text !== undefined) {
    const scores = collection.textSearch(text as Document)
    candidates = [...scores].map(([idKey, score]) => ({ ...collection.get(idKey)!, [SCORE]: score }))
  } else {
    candidates = byIndex(collection, rest) ?? collection.documents.values()
  }
  if (!Object.keys(rest).length) return [...candidates]
  return new Query(rest).find([...candidates]).all() as Document[]
}

/**
 * The candidates an index can give for the filter's equality conditions: by `_id`, or the
 * smallest set an index leading with one of the fields holds. The full filter still runs on them.
 */
function byIndex(collection: Collection, filter: Document): Document[] | undefined {
  if (isScalar(filter._id)) {
    const document = collection.get(keyOf(filter._id))
    return document ? [document] : []
  }
  let best: ReadonlySet<string> | undefined
  for (const [field, value] of Object.entries(filter)) {
    if (field.startsWith('$') || !isScalar(value)) continue
    const holders = collection.withValue(field, value)
    if (holders && (!best || holders.size < best.size)) best = holders
  }
  return best && [...best].map((idKey) => collection.get(idKey)!)
}

// Values a key lookup compares as MongoDB does: not operators, arrays, subdocuments or patterns.
const isScalar = (value: unknown) =>
  ['string', 'number', 'boolean'].includes(typeof value) ||
  value instanceof Date ||
  (typeof value === 'object' &&
    value !== null &&
    ['ObjectId', 'Decimal128', 'Long', 'UUID', 'Binary'].includes((value as { _bsontype?: string })._bsontype ?? ''))

/** `find`: filter, then sort, skip, limit and projection, with `{ $meta: 'textScore' }` understood. */
export function find(collection: Collection | undefined, filter: Document, options: FindOptions): Document[] {
  const matched = select(collection, filter)
  const sort = options.sort && Object.keys(options.sort).length ? metaSort(options.sort) : undefined
  const { projection, scoreFields } = splitMetaProjection(options.projection)
  let chosen = matched
  // A lookup by key (the hot path) has nothing to order or page: no cursor for it.
  if (sort || options.skip || options.limit) {
    let cursor = new Query({}).find(matched)
    if (sort) cursor = cursor.sort(sort)
    if (options.skip) cursor = cursor.skip(options.skip)
    if (options.limit) cursor = cursor.limit(options.limit)
    chosen = cursor.all() as Document[]
  }
  const projected = projection ? (new Query({}).find(chosen, projection).all() as Document[]) : chosen
  return projected.map((document, i) => withScores(document, scoreFields, chosen[i]![SCORE] as number | undefined))
}

function metaSort(sort: Document): Record<string, 1 | -1> {
  const spec: Record<string, 1 | -1> = {}
  for (const [field, direction] of Object.entries(sort)) {
    if (isTextScoreMeta(direction)) spec[SCORE] = -1
    else if (direction === 1 || direction === -1) spec[field] = direction
    else throw new MongoWireError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`)
  }
  return spec
}

function splitMetaProjection(projection: Document | undefined) {
  const scoreFields: string[] = []
  const rest: Document = {}
  for (const [field, value] of Object.entries(projection ?? {})) {
    if (isTextScoreMeta(value)) scoreFields.push(field)
    else rest[field] = value
  }
  return { projection: Object.keys(rest).length ? rest : undefined, scoreFields }
}

function withScores(document: Document, fields: string[], score: number | undefined): Document {
  if (!(SCORE in document) && !fields.length) return document
  const { [SCORE]: _score, ...clean } = document
  for (const field of fields) clean[field] = score ?? 0
  return clean
}

/**
 * `aggregate` through mingo. A leading `$match` with `$text` selects and scores through the text
 * index; `{ $meta: 'textScore' }` later in the pipeline reads that score. `$lookup` and friends
 * read other collections of the same database.
 */
export function aggregate(
  collection: Collection | undefined,
  pipeline: Document[],
  resolve: (name: string) => Document[],
): Document[] {
  const [first, ...rest] = pipeline
  const leadingMatch = first && '$match' in first ? (first.$match as Document) : undefined
  const input = select(collection, leadingMatch ?? {})
  const stages = (leadingMatch ? rest : pipeline).map((stage) => replaceMeta(stage, '$sort' in stage) as Document)
  const options: Partial<Options> = { collectionResolver: resolve }
  return (new Aggregator(stages, options).run(input) as Document[]).map((document) => {
    if (!(SCORE in document)) return document
    const { [SCORE]: _score, ...clean } = document
    return clean
  })
}

function replaceMeta(value: unknown, inSort: boolean): unknown {
  if (isTextScoreMeta(value)) return inSort ? -1 : `$${SCORE}`
  if (Array.isArray(value)) return value.map((item) => replaceMeta(item, inSort))
  if (value === null || typeof value !== 'object' || value.constructor !== Object) return value
  const out: Document = {}
  for (const [key, item] of Object.entries(value)) {
    if (inSort && isTextScoreMeta(item)) out[SCORE] = -1
    else out[key] = replaceMeta(item, inSort)
  }
  return out
}

/** A find-style projection of one document (`findAndModify`'s `fields`). */
export function project(document: Document, projection: Document | undefined): Document {
  if (!projection || !Object.keys(projection).length) return document
  return new Query({}).find([document], projection).all()[0] as Document
}
