import { SHOP_LOCALE as LOCALE } from '#kernel/contracts/locale'
import type { Money } from '#layers/catalog/contracts'
import { pageText } from './page-texts'

const formatters = new Map<string, Intl.NumberFormat>()

// Building an Intl formatter costs far more than using one, and a listing formats dozens of prices.
function formatter(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`
  let format = formatters.get(key)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    })
    formatters.set(key, format)
  }
  return format
}

/** How many decimal places the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency)
  if (digits === undefined) {
    digits = formatter(currency, false).resolvedOptions().maximumFractionDigits ?? 2
    digitsByCurrency.set(currency, digits)
  }
  return digits
}

const digitsByCurrency = new Map<string, number>()

/**
 * The amount as decimal text, "19.99" from 1999, cut from the integer's digits: schema.org wants a
 * string, and no float ever stands between the stored cents and what a search engine reads.
 */
export function decimalAmount(money: Money): string {
  if (!Number.isSafeInteger(money.amount)) throw new TypeError(`${money.amount} is not an amount in minor units`)
  // Read from the page's texts too: asking Intl for the digits would build a formatter while hydrating.
  const digits = Number(pageText(`digits:${money.currency}`, () => String(minorDigits(money.currency))))
  const sign = money.amount < 0 ? '-' : ''
  const text = String(Math.abs(money.amount)).padStart(digits + 1, '0')
  return digits ? `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` : `${sign}${text}`
}

/**
 * "€19.99". The one division by a power of ten happens here, for display only; Intl rounds it
 * back to the currency's digits. `whole` drops ",00" from round amounts (price band labels).
 */
export function formatMoney(money: Money, options: { whole?: boolean } = {}): string {
  return pageText(`money:${money.amount}:${money.currency}:${options.whole === true}`, () => {
    const scale = 10 ** minorDigits(money.currency)
    const whole = options.whole === true && money.amount % scale === 0
    return formatter(money.currency, whole).format(money.amount / scale)
  })
}
