import { BSON, Long, type Document } from 'bson'
import { MongoWireError } from '../errors'

// A reply must fit in one 16 MiB BSON document, with room for the envelope around the batch.
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024
const FIRST_BATCH = 101

interface OpenCursor {
  namespace: string
  documents: Document[]
  position: number
  batchSize?: number
  touched: number
}

/** Server-side cursors: results kept between `getMore`s, as MongoDB keeps them. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>()
  private nextId = 1

  constructor(private readonly idleMs = 10 * 60 * 1000) {}

  /** The first batch, and the cursor left open when more remain (id 0 when not). */
  start(namespace: string, documents: Document[], batchSize?: number, singleBatch = false): Document {
    this.expire()
    const cursor: OpenCursor = { namespace, documents, position: 0, batchSize, touched: Date.now() }
    const firstBatch = this.take(cursor, batchSize ?? FIRST_BATCH)
    let id = 0
    if (!singleBatch && cursor.position < documents.length) {
      id = this.nextId++
      this.open.set(id, cursor)
    }
    return { cursor: { id: Long.fromNumber(id), ns: namespace, firstBatch }, ok: 1 }
  }

  more(id: number, namespace: string, batchSize?: number): Document {
    const cursor = this.open.get(id)
    if (!cursor || cursor.namespace !== namespace)
      throw new MongoWireError('CursorNotFound', `cursor id ${id} not found`)
    cursor.touched = Date.now()
    const nextBatch = this.take(cursor, batchSize ?? cursor.batchSize ?? Number.MAX_SAFE_INTEGER)
    const done = cursor.position >= cursor.documents.length
    if (done) this.open.delete(id)
    return { cursor: { id: Long.fromNumber(done ? 0 : id), ns: namespace, nextBatch }, ok: 1 }
  }

  kill(ids: number[]): Document {
    const killed = ids.filter((id) => this.open.delete(id))
    const notFound = ids.filter((id) => !killed.includes(id))
    return {
      cursorsKilled: killed.map((id) => Long.fromNumber(id)),
      cursorsNotFound: notFound.map((id) => Long.fromNumber(id)),
      cursorsAlive: [],
      cursorsUnknown: [],
      ok: 1,
    }
  }

  private take(cursor: OpenCursor, count: number): Document[] {
    const batch: Document[] = []
    let bytes = 0
    while (batch.length < count && cursor.position < cursor.documents.length) {
      const document = cursor.documents[cursor.position]!
      bytes += BSON.calculateObjectSize(document)
      if (batch.length && bytes > MAX_BATCH_BYTES) break
      batch.push(document)
      cursor.position++
    }
    return batch
  }

  /** Cursors a client abandoned without killing them go after ten idle minutes, as in MongoDB. */
  private expire() {
    const before = Date.now() - this.idleMs
    for (const [id, cursor] of this.open) if (cursor.touched < before) this.open.delete(id)
  }
}
