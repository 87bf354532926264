import { z } from 'zod'
import { multiLine, singleLine } from '#kernel/contracts/text'
import { attributeKey } from './product-input'
import { SLUG_PATTERN } from '../domain/slug'

const fields = {
  name: singleLine().min(2).max(80),
  slug: z.string().max(96).regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens'),
  description: multiLine().max(2_000),
  /** null makes it a root category. */
  parentSlug: z.string().regex(SLUG_PATTERN, 'is not a valid slug').nullable(),
  sortOrder: z.int().min(-10_000).max(10_000),
  isActive: z.boolean(),
  // The same keys products' attributes use, so a facet can match them.
  facets: z
    .array(attributeKey)
    .max(20)
    .refine((keys) => new Set(keys).size === keys.length, 'must not repeat a key'),
  featured: z.boolean(),
}

export const categoryInput = z.object({
  ...fields,
  slug: fields.slug.optional(),
  description: fields.description.default(''),
  parentSlug: fields.parentSlug.default(null),
  sortOrder: fields.sortOrder.default(0),
  isActive: fields.isActive.default(true),
  facets: fields.facets.default([]),
  featured: fields.featured.default(false),
})

export type CategoryInput = z.output<typeof categoryInput>

/** A change: only the fields it names; naming `parentSlug` moves the category with its subtree. */
export const categoryChanges = z.object(fields).partial()

export type CategoryChanges = z.output<typeof categoryChanges>
