import type { Document } from 'bson'

/** One change to the store. Every change is idempotent: replaying it over a state that already has it is harmless. */
export type Change =
  | { op: 'createCollection'; db: string; coll: string; options: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: Document } // the index document, e.g. { v: 2, key: { sku: 1 }, name: 'sku_1', unique: true }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'put'; db: string; coll: string; doc: Document } // the whole document, _id included
  | { op: 'delete'; db: string; coll: string; id: unknown } // the _id value
