import { z } from 'zod'
import { multiLine, singleLine } from '#kernel/contracts/text'

/** A shopper's review as they write it; who wrote it comes from their sign-in, never from the body. */
export const reviewInput = z.object({
  rating: z.int().min(1).max(5),
  title: singleLine().min(1).max(120),
  comment: multiLine().min(1).max(4_000),
  authorName: singleLine().min(1).max(60),
})

export type ReviewInput = z.output<typeof reviewInput>

export const moderationInput = z.object({ status: z.enum(['approved', 'rejected']) })
