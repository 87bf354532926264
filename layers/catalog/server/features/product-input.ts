import { z } from 'zod'
import { multiLine, singleLine } from '#kernel/contracts/text'
import { IMAGE_URL_PREFIX } from '../infrastructure/images/image-store'
import { SLUG_PATTERN } from '../domain/slug'

/** Up to a million in major units: anything above is a typo, not a product. */
const amount = z.int().min(0).max(100_000_000)
/** An attribute's name (and so a facet's): what `attributes.<key>` and the query string use. */
export const attributeKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'must be a short camelCase name')
const attributeValue = z.union([
  singleLine().min(1).max(200),
  z.number().finite(),
  z.boolean(),
  z.array(singleLine().min(1).max(200)).max(50),
])

export const variantInput = z.object({
  sku: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,47}$/, 'must be upper-case letters, digits and hyphens'),
  name: singleLine().min(1).max(120),
  attributes: z.record(attributeKey, singleLine().min(1).max(100)).default({}),
  priceModifier: z.int().min(-100_000_000).max(100_000_000).default(0),
  /** Pictures of this variant where it looks different (a colour); none means the product's. */
  images: z.array(z.string().startsWith(IMAGE_URL_PREFIX).max(200)).max(12).default([]),
})

const fields = {
  name: singleLine().min(2).max(200),
  slug: z.string().max(96).regex(SLUG_PATTERN, 'must be lower-case words joined by hyphens'),
  description: multiLine().max(5_000),
  price: amount,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  images: z.array(z.string().startsWith(IMAGE_URL_PREFIX).max(200)).max(12),
  status: z.enum(['draft', 'active']),
  attributes: z.record(attributeKey, attributeValue),
  categorySlug: z.string().regex(SLUG_PATTERN),
  variants: z.array(variantInput).max(200),
  featured: z.boolean(),
}

export const productInput = z.object({
  ...fields,
  sku: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be upper-case letters, digits and hyphens'),
  slug: fields.slug.optional(),
  description: fields.description.default(''),
  currency: fields.currency.default('EUR'),
  images: fields.images.default([]),
  status: fields.status.default('draft'),
  attributes: fields.attributes.default({}),
  variants: fields.variants.default([]),
  featured: fields.featured.default(false),
})

export type ProductInput = z.output<typeof productInput>

/**
 * A change: only the fields it names. It also names the version it was made against, so two
 * admins cannot silently overwrite each other's work.
 */
export const productChanges = z
  .object(fields)
  .partial()
  .extend({ version: z.int().min(1) })

export type ProductChanges = z.output<typeof productChanges>
