import { MAX_LINE_QUANTITY, MAX_LINES } from '../contracts'

/** What a failed basket call says to the shopper: the problem's own sentence, or why there is none. */
export function problemText(error: unknown): string {
  const detail = (error as { data?: { detail?: unknown } } | undefined)?.data?.detail
  if (typeof detail === 'string' && detail) return detail
  return 'The shop could not be reached. Check your connection and try again.'
}

/** Why a cart form posted without JavaScript changed nothing, by the code in `/cart?error=`. */
const FORM_FAILURES: Record<string, string> = {
  'cart-full': `A cart holds at most ${MAX_LINES} different items. Remove one to add another.`,
  'line-full': `A cart holds at most ${MAX_LINE_QUANTITY} of one item.`,
  'choose-variant': 'Choose a size or colour on the product’s page first.',
  'not-for-sale': 'That item is no longer sold.',
  'unknown-sku': 'That item is not in the shop.',
  'not-in-cart': 'That item is no longer in your cart.',
  'invalid-quantity': `Enter a quantity from 0 to ${MAX_LINE_QUANTITY}.`,
}

/** The sentence for an error code the page was given, never text from the URL itself. */
export const formFailureText = (code: unknown) =>
  typeof code === 'string' ? (FORM_FAILURES[code] ?? 'That change could not be made. Please try again.') : undefined
