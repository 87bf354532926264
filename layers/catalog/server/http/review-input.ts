import { z } from 'zod'

/** A shopper's review as they write it; who wrote it comes from their sign-in, never from the body. */
export const reviewInput = z.object({
  rating: z.int().min(1).max(5),
  title: z.string().trim().min(1).max(120),
  comment: z.string().trim().min(1).max(4_000),
  authorName: z.string().trim().min(1).max(60),
})

export type ReviewInput = z.output<typeof reviewInput>

export const moderationInput = z.object({ status: z.enum(['approved', 'rejected']) })
