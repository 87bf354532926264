import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { multiLine, singleLine } from './text'

const form = z.object({ name: singleLine().min(1).max(10), about: multiLine().max(100) })

describe('text schemas', () => {
  it.each([
    ['a NUL', { name: 'Ann\u0000', about: '' }, 'name'],
    ['an escape', { name: 'Ann', about: 'hi \u001b[31m' }, 'about'],
    ['a line break in one line', { name: 'Ann\nBee', about: '' }, 'name'],
    ['a C1 control', { name: 'Ann\u0085', about: '' }, 'name'],
  ])('refuses %s, naming the field', (_, input, field) => {
    const result = form.safeParse(input)
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [field], message: 'must not contain control characters' }),
    ])
  })

  it('trims first, keeps what people type: accents, emoji, tabs and line breaks in a paragraph', () => {
    expect(form.parse({ name: '  Zoë 🌷 \n', about: 'Line one\n\tLine two\r\n' })).toEqual({
      name: 'Zoë 🌷',
      about: 'Line one\n\tLine two',
    })
  })

  it('still applies the bounds and formats chained after it', () => {
    expect(form.safeParse({ name: 'x'.repeat(11), about: '' }).error?.issues[0]?.code).toBe('too_big')
    expect(singleLine().pipe(z.email()).safeParse('not an email').success).toBe(false)
  })
})
