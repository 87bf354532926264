import { TEST_CARDS } from '../../contracts'

/** What Stripe's test mode does with a payment method, which the simulated gateway copies. */
export type TestBehaviour =
  | { outcome: 'succeeds' }
  | { outcome: 'declined'; code: string }
  | { outcome: 'authenticates' }
  | { outcome: 'unknown' }

const BEHAVIOURS: Record<string, TestBehaviour> = {
  pm_card_visa: { outcome: 'succeeds' },
  pm_card_mastercard: { outcome: 'succeeds' },
  pm_card_chargeDeclined: { outcome: 'declined', code: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { outcome: 'declined', code: 'insufficient_funds' },
  pm_card_authenticationRequired: { outcome: 'authenticates' },
}

export const behaviourOf = (paymentMethod: string): TestBehaviour => BEHAVIOURS[paymentMethod] ?? { outcome: 'unknown' }

/** The payment method a test card number stands for (spaces and dashes ignored), if it is one. */
export function testPaymentMethodOf(cardNumber: string): string | undefined {
  const digits = cardNumber.replace(/[\s-]/g, '')
  return TEST_CARDS.find((card) => card.number.replace(/\s/g, '') === digits)?.paymentMethod
}
