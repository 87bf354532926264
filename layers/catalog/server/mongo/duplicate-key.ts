import { MongoServerError } from 'mongodb'

/** MongoDB's E11000: a unique index refused the write. */
export const isDuplicateKey = (error: unknown): error is MongoServerError =>
  error instanceof MongoServerError && error.code === 11000
