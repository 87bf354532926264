import { brotliCompressSync, constants, crc32, deflateRawSync, gzipSync } from 'node:zlib'

export type Encoding = 'br' | 'gzip'

/** Below this, compressing costs more time than the bytes it saves. */
export const MIN_COMPRESSED_BYTES = 1_024

/**
 * The encoding to answer with, from the request's Accept-Encoding: brotli where the client takes
 * it, else gzip, else none. A coding refused with `q=0` is not offered.
 */
export function preferredEncoding(acceptEncoding: string | undefined, offered: readonly Encoding[] = ['br', 'gzip']) {
  if (!acceptEncoding) return undefined
  const accepted = new Set<string>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';')
    const refused = parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter))
    if (name && !refused) accepted.add(name)
  }
  return offered.find((encoding) => accepted.has(encoding) || accepted.has('*'))
}

/**
 * A body compressed for one answer: brotli at a low quality (as fast as gzip, and smaller), or
 * gzip at its default level. Pages change with every answer (their CSP nonce), so this runs per
 * answer; a cached page's gzip is mostly kept (`gzipTemplate`).
 */
export const compress = (body: Buffer, encoding: Encoding): Buffer =>
  encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body)

// A gzip member's header: magic, deflate, no flags, no time, no extra flags, unknown OS.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
// The last deflate block: final, fixed Huffman codes, nothing but its end code.
const FINAL_BLOCK = Buffer.from([0x03, 0x00])

/**
 * A page whose bytes are the same on every answer but for slots of one length (its CSP nonce),
 * kept compressed. The text between the slots is deflated once, each part ending on a full flush
 * (byte-aligned, no reference across it); an answer stores its slot values as stored blocks
 * between them and closes the stream. A gzip answer then costs a copy and a CRC, not a compression.
 */
export interface GzipTemplate {
  parts: Buffer[]
  /** The uncompressed text between the slots, for the CRC. */
  texts: Buffer[]
  length: number
}

export function gzipTemplate(bytes: Buffer, slots: readonly number[], slotLength: number): GzipTemplate {
  const texts: Buffer[] = []
  let from = 0
  for (const at of slots) {
    texts.push(bytes.subarray(from, at))
    from = at + slotLength
  }
  texts.push(bytes.subarray(from))
  const parts = texts.map((text) => deflateRawSync(text, { finishFlush: constants.Z_FULL_FLUSH }))
  return { parts, texts, length: bytes.length }
}

/** A stored (uncompressed) deflate block holding `value`, which must be shorter than 64 KiB. */
function storedBlock(value: Buffer): Buffer {
  const header = Buffer.from([
    0x00,
    value.length & 0xff,
    value.length >> 8,
    ~value.length & 0xff,
    (~value.length >> 8) & 0xff,
  ])
  return Buffer.concat([header, value])
}

/** The template's gzip answer with `value` in every slot (the same value, ASCII). */
export function gzipFromTemplate(template: GzipTemplate, value: string): Buffer {
  const slot = Buffer.from(value, 'latin1')
  const block = storedBlock(slot)
  const chunks: Buffer[] = [GZIP_HEADER]
  let crc = 0
  template.parts.forEach((part, i) => {
    if (i > 0) {
      chunks.push(block)
      crc = crc32(slot, crc)
    }
    chunks.push(part)
    crc = crc32(template.texts[i]!, crc)
  })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(template.length % 2 ** 32, 4)
  chunks.push(FINAL_BLOCK, trailer)
  return Buffer.concat(chunks)
}
