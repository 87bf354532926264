import { z } from 'zod'
import { refuse, success, type Result } from '#kernel/contracts/result'
import type { ChallengeOutcome, SimulatedIntent } from '../infrastructure/simulated-gateway'
import type { Payment } from '../payment'
import { applyGatewayEvent } from './apply-gateway-event'

export const challengeInput = z.object({
  outcome: z.enum(['complete', 'fail'], { message: 'must be complete or fail' }),
})

const NOT_FOUND = 'There is no payment waiting for authentication here.'

/** The simulated bank's challenge: what the customer is asked to authenticate. */
export async function viewChallenge(payment: Payment, intentId: string): Promise<Result<SimulatedIntent>> {
  if (!payment.simulated) return refuse(404, NOT_FOUND)
  const intent = await payment.simulated.intent(intentId)
  return intent ? success(intent) : refuse(404, NOT_FOUND)
}

/**
 * The customer completes (or fails) authentication, as 3-D Secure on a bank's page: the simulated
 * gateway settles its intent and tells the shop as Stripe's webhook would, once per intent.
 * Answers where the customer goes next. Answered twice, it changes nothing more.
 */
export async function answerChallenge(
  payment: Payment,
  intentId: string,
  outcome: ChallengeOutcome,
): Promise<Result<{ status: SimulatedIntent['status']; returnUrl: string }>> {
  if (!payment.simulated) return refuse(404, NOT_FOUND)
  const event = await payment.simulated.authenticate(intentId, outcome)
  if (!event || event.about !== 'charge') return refuse(404, NOT_FOUND)
  await applyGatewayEvent(payment, event)
  const intent = (await payment.simulated.intent(intentId))!
  return success({ status: intent.status, returnUrl: intent.returnUrl })
}
