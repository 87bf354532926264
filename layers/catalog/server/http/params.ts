import { z } from 'zod'
import { SLUG_PATTERN } from '../domain/slug'

export const slugParams = z.object({ slug: z.string().max(100).regex(SLUG_PATTERN, 'is not a valid slug') })
