/**
 * What the customer is told when a payment fails, by the gateway's code (Stripe's `decline_code`
 * or `code`). The gateway's own message is never passed on: it may be in another language or say
 * more than a customer should see.
 */
const REASONS: Record<string, string> = {
  card_declined: 'Your card was declined. Try another card or contact your bank.',
  generic_decline: 'Your card was declined. Try another card or contact your bank.',
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  lost_card: 'Your card was declined. Try another card or contact your bank.',
  stolen_card: 'Your card was declined. Try another card or contact your bank.',
  expired_card: 'Your card has expired. Try another card.',
  incorrect_cvc: 'The card’s security code is incorrect.',
  processing_error: 'Your card could not be charged because of a processing error. Try again in a moment.',
  authentication_failed: 'The card’s authentication failed, so nothing was charged. Try again or use another card.',
  authentication_abandoned: 'The card was not authenticated in time, so nothing was charged.',
  payment_method_unknown: 'This payment method is not recognised. Try another card.',
  canceled: 'The payment was cancelled, so nothing was charged.',
}

const FALLBACK = 'The payment could not be completed, so nothing was charged. Try another card.'

export const customerReason = (code: string): string => REASONS[code] ?? FALLBACK
