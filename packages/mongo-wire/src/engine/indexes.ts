import type { Document } from 'bson'
import { Query } from 'mingo'
import { MongoWireError } from '../errors'
import { keyOf, valuesAt } from './keys'

/** An index as listIndexes shows it: `{ v, key, name, unique?, sparse?, partialFilterExpression?, … }`. */
export type IndexSpec = Document & { key: Document; name: string }

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' }

/** MongoDB's default index name: `sku_1`, `category_1_price_-1`, `name_text_description_text`. */
export const defaultIndexName = (key: Document) =>
  Object.entries(key)
    .map(([field, kind]) => `${field}_${kind}`)
    .join('_')

export const isTextIndex = (spec: IndexSpec) => Object.values(spec.key).includes('text')

/** Checks an index document from createIndexes and fills in its name and version. */
export function normalizeIndex(index: Document): IndexSpec {
  const key = index.key as unknown
  if (!key || typeof key !== 'object' || Array.isArray(key) || !Object.keys(key).length)
    throw new MongoWireError('BadValue', 'Index key pattern must be a non-empty object')
  for (const [field, kind] of Object.entries(key)) {
    const valid = kind === 1 || kind === -1 || kind === 'text' || kind === 'hashed' || kind === '2dsphere'
    if (!valid)
      throw new MongoWireError('BadValue', `Values in the index key pattern can't be ${String(kind)} (${field})`)
  }
  const name = typeof index.name === 'string' && index.name ? index.name : defaultIndexName(key as Document)
  return { v: 2, ...index, key: key as Document, name }
}

/** Options that make two specs with the same key the same index (MongoDB's "equivalent" indexes). */
export const sameIndexOptions = (a: IndexSpec, b: IndexSpec) =>
  Boolean(a.unique) === Boolean(b.unique) &&
  Boolean(a.sparse) === Boolean(b.sparse) &&
  JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null)

/**
 * A unique index: its entries map each key to the `_id` key of the document holding it, so a
 * duplicate is found without a scan and reported as MongoDB's E11000.
 */
export class UniqueIndex {
  private readonly entries = new Map<string, string>()
  private readonly partial?: Query

  constructor(
    readonly spec: IndexSpec,
    private readonly namespace: string,
  ) {
    if (spec.partialFilterExpression) this.partial = new Query(spec.partialFilterExpression as Document)
  }

  /** The document's keys in this index; none when sparse or partial leaves it out. */
  keysOf(document: Document): { key: string; values: unknown[] }[] {
    if (this.partial && !this.partial.test(document)) return []
    const fields = Object.keys(this.spec.key)
    const perField = fields.map((field) => {
      const values = valuesAt(document, field)
      return values.length ? values : [undefined]
    })
    if (this.spec.sparse && perField.every((values) => values.every((value) => value === undefined))) return []
    // A compound key over an array field has one entry per element (MongoDB refuses two array fields).
    let combinations: unknown[][] = [[]]
    for (const values of perField) combinations = combinations.flatMap((prefix) => values.map((v) => [...prefix, v]))
    const seen = new Map<string, unknown[]>()
    for (const values of combinations) seen.set(values.map((value) => keyOf(value ?? null)).join('\u0000'), values)
    return [...seen].map(([key, values]) => ({ key, values }))
  }

  /** Throws E11000 if another document holds one of this document's keys. */
  check(document: Document, idKey: string): void {
    for (const { key, values } of this.keysOf(document)) {
      const holder = this.entries.get(key)
      if (holder !== undefined && holder !== idKey) throw this.duplicate(values)
    }
  }

  add(document: Document, idKey: string): void {
    for (const { key } of this.keysOf(document)) this.entries.set(key, idKey)
  }

  remove(document: Document, idKey: string): void {
    for (const { key } of this.keysOf(document)) if (this.entries.get(key) === idKey) this.entries.delete(key)
  }

  private duplicate(values: unknown[]): MongoWireError {
    const fields = Object.keys(this.spec.key)
    const keyValue = Object.fromEntries(fields.map((field, i) => [field, values[i] ?? null]))
    const shown = fields.map((field, i) => `${field}: ${JSON.stringify(values[i] ?? null)}`).join(', ')
    return new MongoWireError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: ${this.spec.name} dup key: { ${shown} }`,
      { keyPattern: this.spec.key, keyValue },
    )
  }
}

/**
 * The leading field of any index as a hash from value to documents: equality on that field (a
 * category listing, say) reads its documents instead of scanning the collection. Arrays are
 * multikey, a missing field is null, as in MongoDB.
 */
export class EqualityIndex {
  private readonly entries = new Map<string, Set<string>>()

  constructor(readonly field: string) {}

  private keysOf(document: Document): string[] {
    const values = valuesAt(document, this.field)
    return [...new Set((values.length ? values : [undefined]).map((value) => keyOf(value ?? null)))]
  }

  add(document: Document, idKey: string): void {
    for (const key of this.keysOf(document)) {
      let holders = this.entries.get(key)
      if (!holders) this.entries.set(key, (holders = new Set()))
      holders.add(idKey)
    }
  }

  remove(document: Document, idKey: string): void {
    for (const key of this.keysOf(document)) {
      const holders = this.entries.get(key)
      holders?.delete(idKey)
      if (holders && !holders.size) this.entries.delete(key)
    }
  }

  lookup(value: unknown): ReadonlySet<string> {
    return this.entries.get(keyOf(value)) ?? new Set()
  }
}
