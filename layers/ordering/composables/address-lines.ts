import { SHOP_LOCALE } from '#kernel/contracts/locale'
import type { AddressDto } from '../contracts'

const countries = new Intl.DisplayNames([SHOP_LOCALE], { type: 'region' })

/** An address as it is written on a parcel, a line each. */
export const addressLines = (address: AddressDto): string[] =>
  [
    address.fullName,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`,
    address.region,
    countries.of(address.country) ?? address.country,
    address.phone,
  ].filter((line): line is string => !!line)
