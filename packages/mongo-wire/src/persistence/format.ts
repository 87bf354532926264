import { crc32 } from 'node:zlib'
import { BSON, type Document } from 'bson'
import type { Change } from './change'

/*
 * On-disk format, version 1 (all integers little-endian):
 *   file   = header frame*                     (a snapshot ends with an empty frame: its end marker)
 *   header = magic[8] ('MWJOURNL' | 'MWSNAPSH') version:u32 generation:u32 crc32(previous 16 bytes):u32
 *   frame  = length:u32 crc32(payload):u32 crc32(previous 8 bytes):u32 payload[length]
 *   payload = one BSON document per change, back to back
 * A journal frame holds every group of one group commit, so a frame is all-or-nothing and so is each group in it.
 */

export const FORMAT_VERSION = 1
export const FILE_HEADER_BYTES = 20
const FRAME_HEADER_BYTES = 12

export type FileKind = 'journal' | 'snapshot'
const MAGIC: Record<FileKind, Buffer> = { journal: Buffer.from('MWJOURNL'), snapshot: Buffer.from('MWSNAPSH') }

/** A data file that cannot be trusted: the server must not start on a partial catalog. */
export class DataFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
    condition: 'corrupt' | 'missing' | 'in an unknown format' = 'corrupt',
  ) {
    super(`mongo-wire: data file ${path} is ${condition} (${problem}); refusing to start with a partial catalog`)
    this.name = 'DataFileError'
  }
}

export function fileHeader(kind: FileKind, generation: number): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES)
  MAGIC[kind].copy(header, 0)
  header.writeUInt32LE(FORMAT_VERSION, 8)
  header.writeUInt32LE(generation, 12)
  header.writeUInt32LE(crc32(header.subarray(0, 16)), 16)
  return header
}

/** Checks a file's header and returns the generation it records. */
export function readFileHeader(file: Buffer, kind: FileKind, path: string): number {
  if (file.length < FILE_HEADER_BYTES) throw new DataFileError(path, `file header is truncated at ${file.length} bytes`)
  if (!file.subarray(0, 8).equals(MAGIC[kind])) throw new DataFileError(path, `not a mongo-wire ${kind} file`)
  const version = file.readUInt32LE(8)
  if (version !== FORMAT_VERSION) {
    throw new DataFileError(path, `file version ${version}; this build reads ${FORMAT_VERSION}`, 'in an unknown format')
  }
  if (crc32(file.subarray(0, 16)) !== file.readUInt32LE(16))
    throw new DataFileError(path, 'file header checksum mismatch')
  return file.readUInt32LE(12)
}

/** The frame header for `parts`, written just before them. */
export function frameHeader(parts: readonly Buffer[], length: number): Buffer {
  let crc = 0
  for (const part of parts) crc = crc32(part, crc)
  const header = Buffer.alloc(FRAME_HEADER_BYTES)
  header.writeUInt32LE(length, 0)
  header.writeUInt32LE(crc, 4)
  header.writeUInt32LE(crc32(header.subarray(0, 8)), 8)
  return header
}

/** `torn`: the damage could be an unacknowledged last write rather than lost data. */
export type Frame = { payload: Buffer; end: number } | { problem: string; torn: boolean }

export function readFrame(file: Buffer, offset: number): Frame {
  const rest = file.length - offset
  if (rest < FRAME_HEADER_BYTES) return { problem: `incomplete frame header (${rest} bytes)`, torn: true }
  if (!headerIntact(file, offset)) {
    // A length we cannot trust hides where the damage ends; it is a torn write only if nothing valid follows it.
    return { problem: 'frame header checksum mismatch', torn: !validFrameAfter(file, offset + 1) }
  }
  const end = offset + FRAME_HEADER_BYTES + file.readUInt32LE(offset)
  if (end > file.length)
    return { problem: `frame runs ${end - file.length} bytes past the end of the file`, torn: true }
  const payload = file.subarray(offset + FRAME_HEADER_BYTES, end)
  // Writes are sequential: data after a frame means its write was acknowledged, so only the last frame can be torn.
  if (crc32(payload) !== file.readUInt32LE(offset + 4))
    return { problem: 'checksum mismatch', torn: end === file.length }
  return { payload, end }
}

const headerIntact = (file: Buffer, at: number) => crc32(file.subarray(at, at + 8)) === file.readUInt32LE(at + 8)

function validFrameAfter(file: Buffer, from: number): boolean {
  for (let at = from; at + FRAME_HEADER_BYTES <= file.length; at++) {
    const end = at + FRAME_HEADER_BYTES + file.readUInt32LE(at)
    if (end > file.length || !headerIntact(file, at)) continue
    if (crc32(file.subarray(at + FRAME_HEADER_BYTES, end)) === file.readUInt32LE(at + 4)) return true
  }
  return false
}

export function encodeChange(change: Change): Buffer {
  // Checked with the reader's own rule: a change the reader would reject must never reach the disk.
  if (!asChange(change)) throw new TypeError(`mongo-wire: cannot log an invalid change (op ${String(change.op)})`)
  const bytes = BSON.serialize(change)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** The changes in a frame's payload, or what is wrong with it. */
export function decodeChanges(payload: Buffer): Change[] | string {
  const changes: Change[] = []
  for (let offset = 0; offset < payload.length;) {
    const size = payload.length - offset >= 4 ? payload.readInt32LE(offset) : 0
    if (size < 5 || offset + size > payload.length) return `bad BSON length ${size} at payload byte ${offset}`
    let document: Document
    try {
      document = BSON.deserialize(payload.subarray(offset, offset + size), { promoteValues: true })
    } catch (error) {
      return `unreadable BSON at payload byte ${offset}: ${(error as Error).message}`
    }
    const change = asChange(document)
    if (!change) return `not a change at payload byte ${offset} (op ${String(document.op)})`
    changes.push(change)
    offset += size
  }
  return changes
}

const isDocument = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function asChange(value: Document): Change | undefined {
  const { op, db, coll } = value
  if (typeof db !== 'string') return undefined
  if (op === 'dropDatabase') return { op, db }
  if (typeof coll !== 'string') return undefined
  switch (op) {
    case 'createCollection':
      return isDocument(value.options) ? { op, db, coll, options: value.options } : undefined
    case 'dropCollection':
      return { op, db, coll }
    case 'createIndex':
      return isDocument(value.spec) ? { op, db, coll, spec: value.spec } : undefined
    case 'dropIndex':
      return typeof value.name === 'string' ? { op, db, coll, name: value.name } : undefined
    case 'put':
      return isDocument(value.doc) ? { op, db, coll, doc: value.doc } : undefined
    case 'delete':
      return value.id === undefined ? undefined : { op, db, coll, id: value.id }
    default:
      return undefined
  }
}
