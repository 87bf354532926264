import type { Document } from 'bson'

/** MongoDB's error codes this server answers with, so drivers raise what they raise against MongoDB. */
export const ErrorCode = {
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  DuplicateKey: 11000,
} as const

export type ErrorCodeName = keyof typeof ErrorCode

/** A command failure with MongoDB's code and code name; `extra` adds fields such as keyPattern. */
export class MongoWireError extends Error {
  readonly code: number
  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message)
    this.code = ErrorCode[codeName]
  }
}

/** The `{ ok: 0 }` reply for an error; anything that is not a MongoWireError is an internal error. */
export function errorReply(error: unknown): Document {
  if (error instanceof MongoWireError)
    return { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName, ...error.extra }
  return { ok: 0, errmsg: error instanceof Error ? error.message : String(error), code: 1, codeName: 'InternalError' }
}

/** The entry for a `writeErrors` array: the same error, tied to the index of the write that failed. */
export function writeError(index: number, error: unknown): Document {
  const { ok: _ok, codeName: _codeName, ...rest } = errorReply(error)
  return { index, ...rest }
}
