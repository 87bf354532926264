import { readdirSync, readFileSync } from 'node:fs'
import { hash } from '@node-rs/argon2'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../contracts'
import { passwordProblem } from '../server/domain/password-policy'
import { COMMON_PASSWORDS } from '../server/infrastructure/common-passwords'
import {
  ARGON2_POLICY,
  createPasswordHasher as startHasher,
  type PasswordHasher,
} from '../server/infrastructure/password-hasher'
import { startHashingPool } from '../server/infrastructure/hashing-workers'

const started: PasswordHasher[] = []
const createPasswordHasher = async (concurrency: number) => {
  const hasher = await startHasher(concurrency, pino({ level: 'silent' }))
  started.push(hasher)
  return hasher
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((hasher) => hasher.close()))
})

describe('password hashing (argon2id)', () => {
  it('stores an argon2id PHC string at OWASP parameters', async () => {
    const hasher = await createPasswordHasher(1)
    const stored = await hasher.hash('correct horse battery staple')
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true)
    expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false)
    expect(await hasher.verify('not a hash', 'anything')).toBe(false)
    expect(hasher.needsRehash(stored)).toBe(false)
  })

  it('asks for a rehash of anything below the policy', async () => {
    const hasher = await createPasswordHasher(1)
    const weak = await hash('pw', { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 })
    expect(hasher.needsRehash(weak)).toBe(true)
    expect(hasher.needsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true)
    expect(hasher.needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true) // bcrypt
    expect(ARGON2_POLICY).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 })
  })

  it('treats composed and decomposed unicode as the same password', async () => {
    const hasher = await createPasswordHasher(1)
    const stored = await hasher.hash('crème brûlée à la façon')
    expect(await hasher.verify(stored, 'crème brûlée à la façon'.normalize('NFD'))).toBe(true)
  })

  it('never runs more hashes at once than its concurrency; the rest wait', async () => {
    const hasher = await createPasswordHasher(2)
    const stored = await hasher.hash('x'.repeat(20))
    let maxActive = 0
    let maxWaiting = 0
    const sample = setInterval(() => {
      maxActive = Math.max(maxActive, hasher.load().active)
      maxWaiting = Math.max(maxWaiting, hasher.load().waiting)
    }, 1)
    const results = await Promise.all(Array.from({ length: 8 }, () => hasher.verify(stored, 'x'.repeat(20))))
    clearInterval(sample)
    expect(results.every(Boolean)).toBe(true)
    expect(maxActive).toBe(2)
    expect(maxWaiting).toBeGreaterThan(0)
  })

  it('does real argon2 work for an unknown account, through the same bounded pool', async () => {
    const hasher = await createPasswordHasher(1)
    const pending = hasher.verifyNothing('whatever they typed')
    expect(hasher.load().active + hasher.load().waiting).toBe(1)
    await pending
    expect(hasher.load()).toEqual({ active: 0, waiting: 0 })
  })
})

describe('password policy', () => {
  it.each([
    ['short', 'x'.repeat(PASSWORD_MIN_LENGTH - 1), `must be at least ${PASSWORD_MIN_LENGTH} characters`],
    ['too long', 'x'.repeat(PASSWORD_MAX_LENGTH + 1), `must be at most ${PASSWORD_MAX_LENGTH} characters`],
    ['common', 'Password123', 'is one of the most common passwords; choose another'],
    ['common, other case', 'QWERTYUIOP', 'is one of the most common passwords; choose another'],
    ['the email', 'ann@example.com', 'must not be your email address'],
  ])('refuses a %s password', (_, password, problem) => {
    expect(passwordProblem(password, COMMON_PASSWORDS, ['ann@example.com'])).toBe(problem)
  })

  it('counts characters, not bytes: ten emoji are long enough, 256 accented letters not too long', () => {
    expect(passwordProblem('🔑'.repeat(10), COMMON_PASSWORDS)).toBeUndefined()
    expect(passwordProblem('é'.repeat(PASSWORD_MAX_LENGTH), COMMON_PASSWORDS)).toBeUndefined()
    expect(passwordProblem('a long but ordinary passphrase', COMMON_PASSWORDS)).toBeUndefined()
  })
})

describe('hashing threads', () => {
  it.runIf(process.platform === 'linux')('run at the lowest CPU priority, so requests always go first', async () => {
    const pool = await startHashingPool(2, pino({ level: 'silent' }))
    try {
      expect(pool.lowPriority).toBe(true)
      const nices = readdirSync('/proc/self/task').map((tid) =>
        Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]),
      )
      expect(nices.filter((nice) => nice === 19)).toHaveLength(2)
    } finally {
      await pool.close()
    }
  })
})
