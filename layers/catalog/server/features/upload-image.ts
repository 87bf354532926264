import { createHash } from 'node:crypto'
import { IMAGE_EXTENSIONS, type ImageType } from '../domain/image-type'
import { IMAGE_URL_PREFIX, type ImageStore } from '../infrastructure/images/image-store'

export const IMAGE_UPLOAD_PATH = '/api/v1/catalog/admin/images'
export const MAX_IMAGE_BYTES = 5 * 1_048_576

/**
 * Keeps an uploaded image under a name made from its content, so a name never points at other
 * bytes (browsers may keep images for a week) and uploading the same picture twice stores it once.
 */
export async function storeImage(images: ImageStore, bytes: Buffer, type: ImageType): Promise<{ url: string }> {
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${IMAGE_EXTENSIONS[type]}`
  if (!(await images.has(name))) await images.put(name, bytes)
  return { url: `${IMAGE_URL_PREFIX}${name}` }
}
