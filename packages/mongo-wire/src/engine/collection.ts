import { ObjectId, type Document } from 'bson'
import { MongoWireError } from '../errors'
import { TextIndex, textIndexSpec } from './text-search'
import {
  EqualityIndex,
  ID_INDEX,
  isTextIndex,
  normalizeIndex,
  sameIndexOptions,
  UniqueIndex,
  type IndexSpec,
} from './indexes'
import { keyOf } from './keys'

/**
 * One collection in memory: documents by `_id` (in insertion order, MongoDB's natural order), its
 * indexes, the unique ones enforced and the text one searchable. Documents are never changed in
 * place: a write stores a new object, so cursors keep reading what they found.
 */
export class Collection {
  readonly documents = new Map<string, Document>()
  readonly indexes = new Map<string, IndexSpec>([[ID_INDEX.name, ID_INDEX]])
  private readonly unique = new Map<string, UniqueIndex>()
  /** By leading field, shared by every index that starts with it. */
  private readonly equality = new Map<string, { index: EqualityIndex; users: number }>()
  private text?: { name: string; index: TextIndex }

  constructor(
    readonly database: string,
    readonly name: string,
    readonly options: Document = {},
  ) {}

  get namespace() {
    return `${this.database}.${this.name}`
  }

  get(idKey: string): Document | undefined {
    return this.documents.get(idKey)
  }

  /** Gives the document an `_id` (an ObjectId, first field) when it has none. */
  static withId(document: Document): Document {
    if (document._id !== undefined) return document
    return { _id: new ObjectId(), ...document }
  }

  /** Throws what MongoDB throws if storing this document (new or replacing its own `_id`) would break a unique index. */
  check(document: Document): void {
    const idKey = keyOf(document._id)
    if (Array.isArray(document._id)) throw new MongoWireError('BadValue', "can't use an array for _id")
    for (const index of this.unique.values()) index.check(document, idKey)
  }

  /** MongoDB's E11000 for a second document with the same `_id`. */
  duplicateId(id: unknown): MongoWireError {
    return new MongoWireError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
      { keyPattern: { _id: 1 }, keyValue: { _id: id } },
    )
  }

  /** Stores a document, replacing the one with its `_id`. Call `check` first. */
  put(document: Document): void {
    const idKey = keyOf(document._id)
    // First, as the text index may still refuse the document (a bad language override).
    this.text?.index.put(idKey, document)
    const previous = this.documents.get(idKey)
    if (previous) for (const index of this.keyIndexes()) index.remove(previous, idKey)
    this.documents.set(idKey, document)
    for (const index of this.keyIndexes()) index.add(document, idKey)
  }

  private *keyIndexes(): Iterable<UniqueIndex | EqualityIndex> {
    yield* this.unique.values()
    for (const { index } of this.equality.values()) yield index
  }

  delete(idKey: string): Document | undefined {
    const previous = this.documents.get(idKey)
    if (!previous) return undefined
    for (const index of this.keyIndexes()) index.remove(previous, idKey)
    this.text?.index.delete(idKey)
    this.documents.delete(idKey)
    return previous
  }

  /**
   * Adds an index (building it over the documents already here). Returns false when an equivalent
   * index exists; conflicting ones fail as MongoDB's do.
   */
  createIndex(raw: Document): boolean {
    const spec = normalizeIndex(raw)
    const keyJson = JSON.stringify(spec.key)
    for (const existing of this.indexes.values()) {
      const sameKey = JSON.stringify(existing.key) === keyJson
      if (existing.name === spec.name) {
        if (sameKey && sameIndexOptions(existing, spec)) return false
        throw new MongoWireError(
          sameKey ? 'IndexOptionsConflict' : 'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
        )
      }
      if (sameKey && !isTextIndex(spec)) {
        if (sameIndexOptions(existing, spec)) return false
        throw new MongoWireError(
          'IndexOptionsConflict',
          `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`,
        )
      }
    }
    if (isTextIndex(spec)) {
      if (this.text)
        throw new MongoWireError(
          'IndexOptionsConflict',
          `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(this.indexes.get(this.text.name))}`,
        )
      const index = new TextIndex(textIndexSpec(spec))
      for (const [idKey, document] of this.documents) index.put(idKey, document)
      this.text = { name: spec.name, index }
    }
    if (spec.unique) {
      const index = new UniqueIndex(spec, this.namespace)
      // Built before it is installed, so a duplicate among existing documents leaves nothing behind.
      for (const [idKey, document] of this.documents) {
        index.check(document, idKey)
        index.add(document, idKey)
      }
      this.unique.set(spec.name, index)
    }
    const leading = Object.keys(spec.key)[0]!
    if (!isTextIndex(spec) && leading !== '_id') {
      const shared = this.equality.get(leading)
      if (shared) shared.users++
      else {
        const index = new EqualityIndex(leading)
        for (const [idKey, document] of this.documents) index.add(document, idKey)
        this.equality.set(leading, { index, users: 1 })
      }
    }
    this.indexes.set(spec.name, spec)
    return true
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX.name) throw new MongoWireError('InvalidOptions', 'cannot drop _id index')
    const spec = this.indexes.get(name)
    if (!spec) throw new MongoWireError('IndexNotFound', `index not found with name [${name}]`)
    this.indexes.delete(name)
    const shared = this.equality.get(Object.keys(spec.key)[0]!)
    if (shared && !isTextIndex(spec) && --shared.users === 0) this.equality.delete(Object.keys(spec.key)[0]!)
    this.unique.delete(name)
    if (this.text?.name === name) this.text = undefined
  }

  /** The documents holding `value` in `field`, when an index leads with that field. */
  withValue(field: string, value: unknown): ReadonlySet<string> | undefined {
    return this.equality.get(field)?.index.lookup(value)
  }

  /** Scores for a `$text` query: `_id` key → score, matches only. */
  textSearch(text: Document): Map<string, number> {
    if (!this.text) throw new MongoWireError('IndexNotFound', 'text index required for $text query')
    return this.text.index.search(text)
  }
}
