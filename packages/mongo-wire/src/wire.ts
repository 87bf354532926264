import { BSON, type Document } from 'bson'

/** MongoDB wire protocol opcodes this server reads or writes. */
export const OP_REPLY = 1
export const OP_QUERY = 2004
export const OP_MSG = 2013

const HEADER_BYTES = 16
const CHECKSUM_PRESENT = 1 << 0
const MORE_TO_COME = 1 << 1

export interface Header {
  length: number
  requestId: number
  responseTo: number
  opCode: number
}

/** A decoded request: the command document, with any kind-1 document sequences folded into it. */
export interface Request {
  header: Header
  command: Document
  /** OP_MSG with moreToCome: the client expects no reply (w: 0 writes). */
  noReply: boolean
}

export const readHeader = (buffer: Buffer): Header => ({
  length: buffer.readInt32LE(0),
  requestId: buffer.readInt32LE(4),
  responseTo: buffer.readInt32LE(8),
  opCode: buffer.readInt32LE(12),
})

function readDocument(buffer: Buffer, offset: number): [Document, number] {
  const size = buffer.readInt32LE(offset)
  return [BSON.deserialize(buffer.subarray(offset, offset + size), { promoteValues: true }), offset + size]
}

function decodeMsg(message: Buffer, header: Header): Request {
  const flags = message.readUInt32LE(HEADER_BYTES)
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0)
  let offset = HEADER_BYTES + 4
  let command: Document | undefined
  const sequences: Record<string, Document[]> = {}
  while (offset < end) {
    const kind = message.readUInt8(offset)
    offset += 1
    if (kind === 0) {
      ;[command, offset] = readDocument(message, offset)
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset)
      const nameEnd = message.indexOf(0, offset + 4)
      const name = message.toString('utf8', offset + 4, nameEnd)
      const documents: Document[] = []
      for (offset = nameEnd + 1; offset < sectionEnd;) {
        const [document, next] = readDocument(message, offset)
        documents.push(document)
        offset = next
      }
      sequences[name] = documents
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`)
    }
  }
  if (!command) throw new Error('OP_MSG without a body section')
  return { header, command: { ...command, ...sequences }, noReply: (flags & MORE_TO_COME) !== 0 }
}

/** Legacy OP_QUERY: only ever a command on `<db>.$cmd` (the driver's first handshake). */
function decodeQuery(message: Buffer, header: Header): Request {
  const nameEnd = message.indexOf(0, HEADER_BYTES + 4)
  const collection = message.toString('utf8', HEADER_BYTES + 4, nameEnd)
  const [query] = readDocument(message, nameEnd + 1 + 8)
  const command = '$query' in query ? (query.$query as Document) : query
  return { header, command: { ...command, $db: collection.split('.')[0] }, noReply: false }
}

export function decodeRequest(message: Buffer): Request {
  const header = readHeader(message)
  if (header.opCode === OP_MSG) return decodeMsg(message, header)
  if (header.opCode === OP_QUERY) return decodeQuery(message, header)
  throw new Error(`unsupported opcode ${header.opCode}`)
}

let nextRequestId = 1

function frame(opCode: number, responseTo: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES)
  header.writeInt32LE(HEADER_BYTES + body.length, 0)
  header.writeInt32LE(nextRequestId++ & 0x7fffffff, 4)
  header.writeInt32LE(responseTo, 8)
  header.writeInt32LE(opCode, 12)
  return Buffer.concat([header, body])
}

/** Encodes a reply in the same protocol the request came in. */
export function encodeReply(request: Request, reply: Document): Buffer {
  const document = Buffer.from(BSON.serialize(reply))
  if (request.header.opCode === OP_QUERY) {
    const prefix = Buffer.alloc(20) // responseFlags, cursorId (int64), startingFrom, numberReturned
    prefix.writeInt32LE(1, 16)
    return frame(OP_REPLY, request.header.requestId, Buffer.concat([prefix, document]))
  }
  return frame(OP_MSG, request.header.requestId, Buffer.concat([Buffer.alloc(5), document]))
}
