import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createImageStore } from '../infrastructure/images/image-store'
import { storeImage } from './upload-image'

describe('image upload', () => {
  it('names an image by its content, so a name never points at other bytes', async () => {
    const images = createImageStore(undefined)
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
    const name = `${createHash('sha256').update(png).digest('hex').slice(0, 16)}.png`

    expect(await storeImage(images, png, 'png')).toEqual({ url: `/images/catalog/${name}` })
    expect(await images.get(name)).toEqual(png)
    expect(await storeImage(images, png, 'png')).toEqual({ url: `/images/catalog/${name}` })
    const other = await storeImage(images, Buffer.concat([png, Buffer.from([4])]), 'png')
    expect(other.url).not.toBe(`/images/catalog/${name}`)
    expect((await storeImage(images, Buffer.from([0xff, 0xd8, 0xff, 0xdb]), 'jpeg')).url).toMatch(
      /^\/images\/catalog\/[0-9a-f]{16}\.jpg$/,
    )
  })
})
