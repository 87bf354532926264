import type { ImageStore } from '../infrastructure/images/image-store'

/** Makes a raster picture from a drawing (the infrastructure's `rasterize`, or a test's). */
export type Rasterize = (svg: Buffer) => Promise<Buffer>

/** The drawing a WebP picture is rendered from: `coat-camel-1.webp` from `coat-camel-1.svg`. */
export const drawingName = (pictureName: string) => pictureName.replace(/\.webp$/, '.svg')

/**
 * An image by name. A WebP that is not stored yet but whose SVG drawing is (the demo catalog draws
 * its pictures) is rendered from it on first request and kept, so every later request is a read.
 * Two first requests at once both render the same bytes under the same name: no harm done.
 */
export async function readImage(images: ImageStore, name: string, rasterize: Rasterize): Promise<Buffer | undefined> {
  const stored = await images.get(name)
  if (stored || !name.endsWith('.webp')) return stored
  const drawing = await images.get(drawingName(name))
  if (!drawing) return undefined
  const picture = await rasterize(drawing)
  await images.put(name, picture)
  return picture
}
