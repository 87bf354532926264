import { createError } from 'h3'

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i

/** 415 unless the declared body type is JSON (`application/json` or `application/*+json`). */
export function assertJsonContentType(contentType: string | undefined): void {
  if (!contentType || !JSON_TYPE.test(contentType)) {
    throw createError({ statusCode: 415, message: 'The request body must be JSON (Content-Type: application/json).' })
  }
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i

/** Whether the body is an HTML form's (`application/x-www-form-urlencoded`). */
export const isFormContentType = (contentType: string | undefined) =>
  Boolean(contentType && FORM_TYPE.test(contentType))

const formRoutes = new Set<string>()

/**
 * A route that also takes an HTML form's post, so its page works before (or without) JavaScript;
 * registered by its context's plugin. The route answers such a post with a redirect.
 */
export const registerFormRoute = (path: string) => void formRoutes.add(path)

/** Whether a path takes form posts besides JSON. */
export const takesForms = (path: string) => formRoutes.has(path.split('?', 1)[0]!)

const rawBodyRoutes = new Map<string, number>()

/** A route that takes a raw body (not JSON) up to `maxBytes`; registered by its context's plugin. */
export const registerRawBodyRoute = (path: string, maxBytes: number) => void rawBodyRoutes.set(path, maxBytes)

/** The limit of a raw-body route, or undefined for every other path. */
export const rawBodyLimitOf = (path: string) => rawBodyRoutes.get(path.split('?', 1)[0]!)

export const tooLarge = (limit: number) =>
  createError({ statusCode: 413, message: `The request body is larger than ${limit} bytes.` })

/** 413 as soon as a declared Content-Length is over the limit, before reading anything. */
export function assertDeclaredLengthWithin(contentLength: string | undefined, limit: number): void {
  if (contentLength !== undefined && Number(contentLength) > limit) throw tooLarge(limit)
}

/** Reads a body stream, failing with 413 once it passes the limit (chunked bodies declare no length). */
export async function readLimited(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of stream) {
    size += chunk.byteLength
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
