import { createError, defineEventHandler, getRouterParam, setResponseHeaders } from 'h3'
import { useCatalog } from '#layers/catalog/server/catalog'
import { readImage } from '#layers/catalog/server/features/read-image'
import { rasterize } from '#layers/catalog/server/infrastructure/images/raster'

const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
}

/** GET /images/catalog/{name}: a product image. Names are never reused for other bytes, so browsers keep them. */
export default defineEventHandler(async (event) => {
  const name = getRouterParam(event, 'name') ?? ''
  const type = /^[a-z0-9][a-z0-9-]*\.([a-z]+)$/.exec(name)?.[1]
  const bytes = type && TYPES[type] ? await readImage((await useCatalog()).images, name, rasterize) : undefined
  if (!bytes) throw createError({ statusCode: 404, message: 'There is no such image.' })
  setResponseHeaders(event, {
    'content-type': TYPES[type!]!,
    'cache-control': 'public, max-age=604800',
    // An SVG opened on its own must not run script: it is a picture, nothing more.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  })
  return bytes
})
