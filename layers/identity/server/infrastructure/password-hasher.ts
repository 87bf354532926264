import type { Logger } from 'pino'
import { retryLater } from '#kernel/http/problem'
import { normalizePassword } from '../domain/password-policy'
import { startHashingPool, type HashJob } from './hashing-workers'

// @node-rs/argon2's Algorithm.Argon2id; its const enum cannot be imported under verbatimModuleSyntax.
const ARGON2ID = 2

/** OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1); stored hashes below it are upgraded at login. */
export const ARGON2_POLICY = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export interface PasswordHasher {
  hash(password: string): Promise<string>
  /** False for a wrong password or an unreadable hash; never throws for a bad password. */
  verify(storedHash: string, password: string): Promise<boolean>
  /** Spends the time of a real verification, so an unknown email answers as slowly as a wrong password. */
  verifyNothing(password: string): Promise<void>
  needsRehash(storedHash: string): boolean
  /** Hashes running and waiting now. */
  load(): { active: number; waiting: number }
  close(): Promise<void>
}

/** Requests waiting for a hashing slot beyond this are turned away with 503 rather than queued for seconds. */
const MAX_WAITING = 256

const phcParameters = (phc: string) => {
  const match = /^\$argon2id\$v=19\$([^$]+)\$/.exec(phc)
  if (!match) return undefined
  return Object.fromEntries(match[1]!.split(',').map((pair) => pair.split('=') as [string, string]))
}

/**
 * argon2id through @node-rs/argon2 (2.3× faster here than `argon2` at the same parameters, see
 * ADR 0006), on `concurrency` low-priority worker threads (hashing-workers.ts).
 */
export async function createPasswordHasher(concurrency: number, log: Logger): Promise<PasswordHasher> {
  const pool = await startHashingPool(concurrency, log)
  if (!pool.lowPriority)
    log.warn('hashing threads run at normal priority here: a login flood competes with pages for CPU')
  const bounded = <T>(job: HashJob) => {
    if (pool.load().waiting >= MAX_WAITING)
      throw retryLater(503, 1, 'Too many sign-ins at once; try again in a moment.')
    return pool.run<T>(job)
  }
  const verifyJob = (stored: string, password: string): HashJob => ({
    op: 'verify',
    stored,
    password: normalizePassword(password),
  })
  const hashJob = (password: string): HashJob => ({
    op: 'hash',
    password: normalizePassword(password),
    options: { algorithm: ARGON2ID, ...ARGON2_POLICY },
  })
  const dummyHash = await bounded<string>(hashJob('not anybody’s password: only its timing matters'))

  return {
    hash: (password) => bounded<string>(hashJob(password)),
    verify: (storedHash, password) => bounded<boolean>(verifyJob(storedHash, password)),
    verifyNothing: async (password) => void (await bounded<boolean>(verifyJob(dummyHash, password))),
    load: () => pool.load(),
    close: () => pool.close(),
    needsRehash(storedHash) {
      const params = phcParameters(storedHash)
      if (!params) return true
      return (
        Number(params.m) < ARGON2_POLICY.memoryCost ||
        Number(params.t) < ARGON2_POLICY.timeCost ||
        Number(params.p) !== ARGON2_POLICY.parallelism
      )
    },
  }
}
