import { describe, expect, it } from 'vitest'
import { declaredImageType, sniffImageType, type ImageType } from './image-type'

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)))

describe('image types', () => {
  it.each<[string, Uint8Array, ImageType | undefined]>([
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'jpeg'],
    ['a WebP', bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'WEBPVP8 '), 'webp'],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [0x24, 0x00, 0x00, 0x00], 'WAVEfmt '), undefined],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), undefined],
    ['a GIF', bytes('GIF89a'), undefined],
    ['a PNG cut short', bytes([0x89, 0x50, 0x4e]), undefined],
    ['nothing at all', bytes(), undefined],
  ])('recognises %s by its first bytes', (_case, body, expected) => {
    expect(sniffImageType(body)).toBe(expected)
  })

  it.each<[string | undefined, ImageType | undefined]>([
    ['image/png', 'png'],
    ['IMAGE/JPEG; charset=binary', 'jpeg'],
    ['image/webp', 'webp'],
    ['image/svg+xml', undefined],
    ['image/gif', undefined],
    ['application/octet-stream', undefined],
    [undefined, undefined],
  ])('takes the declared type %s as %s', (contentType, expected) => {
    expect(declaredImageType(contentType)).toBe(expected)
  })
})
