import { SHOP_LOCALE } from '#kernel/contracts/locale'
import { pageText } from '~/composables/page-texts'

// Each formatter is built on first use and kept: building one costs far more than using it, and a
// product page shows a rating for every review.
let ratingFormat: Intl.NumberFormat | undefined
let dayFormat: Intl.DateTimeFormat | undefined

/** "4.5", "4.0": a rating to one decimal, always. */
export const ratingText = (value: number) =>
  pageText(`rating:${value}`, () =>
    (ratingFormat ??= new Intl.NumberFormat(SHOP_LOCALE, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    })).format(value),
  )

/** "30 Jan 2026", in UTC so the server and the browser print the same day. */
export const dayText = (isoTime: string) =>
  pageText(`day:${isoTime}`, () =>
    (dayFormat ??= new Intl.DateTimeFormat(SHOP_LOCALE, { dateStyle: 'medium', timeZone: 'UTC' })).format(
      new Date(isoTime),
    ),
  )
