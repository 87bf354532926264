import { EJSON, ObjectId, type Document } from 'bson'

/**
 * A canonical string for a value, equal for values MongoDB considers equal as keys: the map key of
 * documents by `_id` and of unique index entries.
 */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  if (typeof value === 'string') return `s${value}`
  if (typeof value === 'number') return `n${value}`
  if (value instanceof ObjectId) return `o${value.toHexString()}`
  // Numbers of every BSON type that are equal compare equal in MongoDB's indexes: 5, 5n, Decimal128('5').
  const bsonType = (value as { _bsontype?: string })._bsontype
  if (bsonType === 'Long' || bsonType === 'Decimal128' || bsonType === 'Int32' || bsonType === 'Double') {
    const number = Number(String(value))
    if (Number.isFinite(number) && String(number) === String(value).replace(/\.0+$/, '')) return `n${number}`
  }
  return `e${EJSON.stringify(value as Document, { relaxed: false })}`
}

/** The values at a dotted path, descending into arrays as MongoDB's indexes do (one per element). */
export function valuesAt(document: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.')
  if (document === null || typeof document !== 'object') return []
  if (Array.isArray(document)) {
    const index = Number(head)
    if (Number.isInteger(index) && String(index) === head) return valuesAt(document[index], rest.join('.'))
    return document.flatMap((element) => valuesAt(element, path))
  }
  const value = (document as Document)[head!]
  if (!rest.length) return Array.isArray(value) ? (value.length ? value : [undefined]) : [value]
  return valuesAt(value, rest.join('.'))
}
