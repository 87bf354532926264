import { z } from 'zod'
import { invalid, refuse, success, type Result } from '#kernel/contracts/result'
import { testPaymentMethodOf } from '../domain/test-cards'
import type { Payment } from '../payment'

export const testCardInput = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[\d\s-]{12,23}$/, 'must be a card number'),
  expiry: z
    .string()
    .trim()
    .regex(/^(0[1-9]|1[0-2])\s*\/\s*\d{2}$/, 'must be MM / YY'),
  cvc: z
    .string()
    .trim()
    .regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
})

/**
 * Stripe.js's createPaymentMethod for the simulated gateway: a test card becomes the payment
 * method id it stands for, so an order carries only the id and no card number is ever stored. A
 * real card number is refused: this shop takes no real payments in simulated mode.
 */
export function testPaymentMethod(
  payment: Payment,
  input: z.output<typeof testCardInput>,
  now = new Date(),
): Result<{ id: string }> {
  if (!payment.simulated) return refuse(404, 'Test cards are taken only when payments are simulated.')
  const [month, year] = input.expiry.split('/').map((part) => Number(part.trim()))
  if (new Date(2000 + year!, month!, 1) <= now) return invalid('expiry', 'the card has expired')
  const id = testPaymentMethodOf(input.number)
  return id ? success({ id }) : invalid('number', 'is not one of the test cards listed on this page')
}
