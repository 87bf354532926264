import { z } from 'zod'
import { SLUG_PATTERN } from '../domain/slug'

export const slugParams = z.object({ slug: z.string().max(100).regex(SLUG_PATTERN, 'is not a valid slug') })

/** A document id in a URL: 24 hex digits, refused with 400 before any lookup. */
export const idParams = (what: string) => z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, `is not a ${what} id`) })
