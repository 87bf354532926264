import { z } from 'zod'
import { singleLine } from '#kernel/contracts/text'
import { DELIVERY_COUNTRIES, REQUIRED_ADDRESS_FIELDS as REQUIRED } from '../../contracts'

/** A line of an address as people type it: required, trimmed, within `max` characters. */
const required = (what: string, max: number) =>
  singleLine().min(1, `Enter ${what}.`).max(max, `Keep ${what} within ${max} characters.`)

/** An optional line: left empty, it is null. */
const optional = (what: string, max: number) =>
  singleLine()
    .max(max, `Keep ${what} within ${max} characters.`)
    .nullish()
    .transform((value) => value || null)

/**
 * Where an order goes, or whom it is billed to, as the customer gave it: checked for what a
 * carrier needs (a name, a street, a town, a postcode, a country we deliver to), nothing more.
 */
export const addressInput = z
  .object({
    fullName: required(REQUIRED.fullName, 100),
    line1: required(REQUIRED.line1, 200),
    line2: optional('the second line', 200),
    city: required(REQUIRED.city, 100),
    region: optional('the region', 100),
    postalCode: required(REQUIRED.postalCode, 16).regex(
      /^[A-Za-z0-9][A-Za-z0-9 -]*[A-Za-z0-9]$/,
      'Enter the postcode as letters, digits, spaces or hyphens.',
    ),
    country: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(DELIVERY_COUNTRIES, 'Choose a country we deliver to.')),
    phone: optional('the phone number', 30).refine(
      (value) => value === null || /^\+?[0-9 ()./-]{6,30}$/.test(value),
      'Enter the phone number as digits, with an optional + in front.',
    ),
  })
  .meta({ id: 'AddressInput' })

export type Address = z.infer<typeof addressInput>
