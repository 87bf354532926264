import { describe, expect, it } from 'vitest'
import { preferredEncoding } from './compression'

describe('preferredEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.0, identity', undefined],
    ['*', 'br'],
    ['identity', undefined],
    [undefined, undefined],
  ])('answers %s with %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected)
  })

  it('offers only what the answer can be', () => {
    expect(preferredEncoding('br, gzip', ['gzip'])).toBe('gzip')
  })
})
