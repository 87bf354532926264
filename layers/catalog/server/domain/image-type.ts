/** The raster types admins may upload. SVG is not one: an uploaded SVG can carry script. */
export type ImageType = 'png' | 'jpeg' | 'webp'

/** File extensions as the image route serves them. */
export const IMAGE_EXTENSIONS: Record<ImageType, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' }

const DECLARED: Record<string, ImageType> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' }

/** The type a Content-Type header declares (parameters and case ignored), if it is one we take. */
export function declaredImageType(contentType: string | undefined): ImageType | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
  return DECLARED[essence]
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte)

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

/**
 * What the bytes are, by their magic numbers: a declared type is a claim, the first bytes are
 * evidence (https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern).
 */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  // "RIFF", four bytes of length, then "WEBP".
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp'
  return undefined
}
