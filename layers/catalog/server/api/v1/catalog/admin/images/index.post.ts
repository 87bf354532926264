import { createError, defineEventHandler, getHeader, setResponseStatus } from 'h3'
import { requireRole } from '#kernel/auth/guard'
import { assertDeclaredLengthWithin, readLimited } from '#kernel/http/body-rules'
import { defineContract } from '#kernel/http/contract'
import { uploadedImageDto } from '#layers/catalog/contracts/api'
import { useCatalog } from '#layers/catalog/server/catalog'
import { declaredImageType, sniffImageType } from '#layers/catalog/server/domain/image-type'
import { MAX_IMAGE_BYTES, storeImage } from '#layers/catalog/server/features/upload-image'

export const contract = defineContract({
  summary: 'Upload a product image',
  description:
    'A PNG, JPEG or WebP of at most 5 MiB as the raw body; its bytes must be what its type says. SVG is refused.',
  access: 'admin',
  upload: ['image/png', 'image/jpeg', 'image/webp'],
  status: 201,
  response: uploadedImageDto,
  refusals: [413, 415],
})

const unsupported = (message: string) => createError({ statusCode: 415, message })

export default defineEventHandler(async (event) => {
  await requireRole(event, 'Admin')
  const contentType = getHeader(event, 'content-type')
  if (/^\s*image\/svg\+xml/i.test(contentType ?? ''))
    throw unsupported('SVG images cannot be uploaded: they can carry script. Send a PNG, JPEG or WebP.')
  const declared = declaredImageType(contentType)
  if (!declared) throw unsupported('Send the image as image/png, image/jpeg or image/webp.')
  assertDeclaredLengthWithin(getHeader(event, 'content-length'), MAX_IMAGE_BYTES)
  const bytes = await readLimited(event.node.req, MAX_IMAGE_BYTES)
  // The header is the client's claim; only bytes that really are that type are stored and served as it.
  if (sniffImageType(bytes) !== declared) throw unsupported(`The body is not a ${declared.toUpperCase()} image.`)
  setResponseStatus(event, 201)
  return storeImage((await useCatalog()).images, bytes, declared)
})
