import { describe, expect, it } from 'vitest'
import { judgeRefreshToken } from '../server/domain/refresh-token-state'

const now = new Date('2026-11-24T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
const live = { expiresAt: new Date('2026-12-01T12:00:00Z'), revokedAt: null, replacedById: null, familyAlive: true }
const rotated = (msAgo: number) => ({ ...live, revokedAt: ago(msAgo), replacedById: 'successor' })

describe('judgeRefreshToken', () => {
  it.each([
    ['a live token', live, 0, 'rotate'],
    ['an expired one, whatever else', { ...rotated(1), expiresAt: ago(1) }, 10_000, 'expired'],
    ['one revoked by sign-out', { ...live, revokedAt: ago(1) }, 0, 'revoked'],
    ['a rotated one while its family lives', rotated(60_000), 10_000, 'reuse'],
    ['a rotated one without grace, even a moment later', rotated(1), 0, 'reuse'],
    ['a rotated one within the browser grace', rotated(2_000), 10_000, 'superseded'],
    ['a rotated one whose family has ended', { ...rotated(60_000), familyAlive: false }, 0, 'revoked'],
  ])('%s → %s', (_, token, grace, verdict) => {
    expect(judgeRefreshToken(token, now, grace)).toBe(verdict)
  })
})
