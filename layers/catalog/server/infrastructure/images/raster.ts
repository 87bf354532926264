import sharp from 'sharp'

/** The drawings are 800 px square: wide enough for the product page's gallery on a sharp screen. */
const RENDITION_WIDTH = 800

/**
 * A WebP picture of an SVG drawing. A browser decodes a raster image off the page's main thread;
 * each SVG image it shows costs a document of its own on that thread (measured: a third of a
 * listing's main-thread time on a phone), and a drawing of flat colours is 2-4 KB as WebP.
 */
export function rasterize(svg: Buffer): Promise<Buffer> {
  return sharp(svg, { density: 144 }).resize({ width: RENDITION_WIDTH }).webp({ quality: 82 }).toBuffer()
}
