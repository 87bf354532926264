import { formatMoney } from '~/composables/money'

/** The demo catalogue sells in euros: a listing with no items has no currency of its own to show. */
export const DEFAULT_CURRENCY = 'EUR'

/** A price facet value in minor units ("2500-5000", last band "100000-") as "€25 – €50" or "€1,000 and more". */
export function priceBandText(value: string, currency: string): string {
  const match = /^(\d+)-(\d*)$/.exec(value)
  if (!match) return value
  const lower = formatMoney({ amount: Number(match[1]), currency }, { whole: true })
  if (!match[2]) return `${lower} and more`
  return `${lower} – ${formatMoney({ amount: Number(match[2]), currency }, { whole: true })}`
}
