import type { Money } from '../email-templates'

/** The shop's own locale (`SHOP_LOCALE`): what an email falls back to when the customer's cannot be used. */
export const FALLBACK_LOCALE = 'en-IE'

/**
 * Dates are written in the shop's time zone: a recipient has a locale but no zone, and a date must
 * not depend on where the server runs (an order placed at 23:30 in Dublin is placed that day).
 */
export const TIME_ZONE = 'Europe/Dublin'

/** How one email writes amounts and dates: in the recipient's locale, resolved once per email. */
export interface Formats {
  /** The locale actually used: the recipient's, or `FALLBACK_LOCALE` when Intl cannot use theirs. */
  locale: string
  /** "€12.34" in en-IE, "12,34 €" in de-DE, from `{ amount: 1234, currency: 'EUR' }`. */
  money(money: Money): string
  /** "12 April 2026" in en-IE, "12. April 2026" in de-DE, from an ISO 8601 timestamp. */
  date(iso: string): string
}

/**
 * The recipient's locale if Intl supports it. A malformed tag (`en_IE`, '') makes Intl throw; a
 * well-formed one it has no data for (`zz-ZZ`) it would quietly swap for the server's default.
 * Both fall back to the shop's.
 */
export function resolveLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf(locale)[0] ?? FALLBACK_LOCALE
  } catch {
    return FALLBACK_LOCALE
  }
}

export function formatsFor(recipientLocale: string): Formats {
  const locale = resolveLocale(recipientLocale)
  const currencies = new Map<string, Intl.NumberFormat>()
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE })

  const currencyFormat = (currency: string) => {
    let format = currencies.get(currency)
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency })
      currencies.set(currency, format)
    }
    return format
  }

  return {
    locale,
    money({ amount, currency }) {
      if (!Number.isSafeInteger(amount)) throw new TypeError(`${amount} is not an amount in minor units`)
      const format = currencyFormat(currency)
      // The currency's minor unit: 2 for EUR, 0 for JPY, 3 for BHD. The one division by a power of
      // ten happens here, for display only; Intl rounds it back to those digits.
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2
      return format.format(amount / 10 ** digits)
    },
    date(iso) {
      const at = new Date(iso)
      if (Number.isNaN(at.getTime())) throw new TypeError(`${JSON.stringify(iso)} is not a date`)
      return dates.format(at)
    },
  }
}
