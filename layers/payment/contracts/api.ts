import { z } from 'zod'

/** A simulated intent id, as the challenge page's URL carries it. */
export const simulatedIntentId = z.string().regex(/^pi_sim_[0-9a-f]{24}$/, 'is not a payment to authenticate')

export const challengeDto = z
  .object({
    id: simulatedIntentId,
    amount: z.int(),
    currency: z.string(),
    status: z.enum(['succeeded', 'requires_action', 'processing', 'failed']),
    returnUrl: z.url(),
  })
  .meta({ id: 'SimulatedChallenge', description: 'A simulated payment waiting for (or done with) authentication.' })

export const challengeAnswerDto = z
  .object({ status: challengeDto.shape.status, returnUrl: z.url() })
  .meta({ id: 'SimulatedChallengeAnswer' })

export const testPaymentMethodDto = z
  .object({ id: z.string() })
  .meta({ id: 'TestPaymentMethod', description: 'The payment method id a test card stands for (pm_card_visa, …).' })

export const webhookReceiptDto = z.object({
  received: z.literal(true),
  outcome: z.enum(['applied', 'duplicate', 'unknown', 'ignored']),
})

export type ChallengeDto = z.infer<typeof challengeDto>
export type ChallengeAnswerDto = z.infer<typeof challengeAnswerDto>

export const checkoutPaymentDto = z
  .discriminatedUnion('gateway', [
    z.object({ gateway: z.literal('stripe'), publishableKey: z.string() }),
    z.object({
      gateway: z.literal('simulated'),
      testCards: z.array(z.object({ number: z.string(), paymentMethod: z.string(), behaviour: z.string() })),
    }),
  ])
  .meta({
    id: 'CheckoutPayment',
    description:
      "How the checkout takes a payment method: Stripe's Payment Element, or the simulated gateway's test cards.",
  })
