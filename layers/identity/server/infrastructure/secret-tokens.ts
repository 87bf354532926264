import { createHash, randomBytes } from 'node:crypto'

/** 256 random bits, URL-safe: refresh tokens and email links. */
export const newSecretToken = () => randomBytes(32).toString('base64url')

/** What is stored instead of the token: a database leak reveals no usable token. */
export const hashSecretToken = (token: string) => createHash('sha256').update(token).digest()
