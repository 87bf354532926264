import { describe, expect, it, vi } from 'vitest'
import { sniffImageType } from '../domain/image-type'
import { createImageStore } from '../infrastructure/images/image-store'
import { rasterize } from '../infrastructure/images/raster'
import { readImage } from './read-image'

const DRAWING = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800"><rect width="800" height="800" fill="#c19a6b"/></svg>',
)

describe('reading an image', () => {
  it('renders a WebP from its drawing on first request, keeps it, and reads it back after', async () => {
    const images = createImageStore(undefined)
    await images.put('coat-camel-1.svg', DRAWING)
    const render = vi.fn(rasterize)

    const first = await readImage(images, 'coat-camel-1.webp', render)
    expect(sniffImageType(first!)).toBe('webp')
    expect(await images.get('coat-camel-1.webp')).toEqual(first)
    expect(await readImage(images, 'coat-camel-1.webp', render)).toEqual(first)
    expect(render).toHaveBeenCalledTimes(1)
  })

  it('answers what is stored as it is, and nothing for a picture without a drawing', async () => {
    const images = createImageStore(undefined)
    await images.put('coat-camel-1.svg', DRAWING)
    const render = vi.fn(rasterize)

    expect(await readImage(images, 'coat-camel-1.svg', render)).toEqual(DRAWING)
    expect(await readImage(images, 'coat-navy-1.webp', render)).toBeUndefined()
    expect(await readImage(images, 'coat-navy-1.png', render)).toBeUndefined()
    expect(render).not.toHaveBeenCalled()
  })
})
