// Built once per process: an Intl formatter costs far more to build than to use, and a product page
// shows a rating for every review.

import { SHOP_LOCALE } from '#kernel/contracts/locale'

/** "4.5", "4.0": a rating to one decimal, always. */
export const ratingNumber = new Intl.NumberFormat(SHOP_LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** "30 Jan 2026", in UTC so the server and the browser print the same day. */
export const reviewDay = new Intl.DateTimeFormat(SHOP_LOCALE, { dateStyle: 'medium', timeZone: 'UTC' })
