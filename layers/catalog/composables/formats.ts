// Built once per process: an Intl formatter costs far more to build than to use, and a product page
// shows a rating for every review.

/** "4.5": a rating average to one decimal. */
export const ratingNumber = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

/** "Jan 30, 2026", in UTC so the server and the browser print the same day. */
export const reviewDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })
