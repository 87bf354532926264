import { getRequestHeader, type H3Event } from 'h3'
import { z } from 'zod'
import { invalidField } from '#kernel/http/problem'
import { CUSTOMER_ACTIONS, IDEMPOTENCY_KEY_HEADER } from '../../contracts'

const id = z.uuid('is not an order id')
export const orderParams = z.object({ id })
export const customerActionParams = z.object({ id, action: z.enum(CUSTOMER_ACTIONS) })
/** What an admin records of an order once it has left the warehouse. */
export const adminStepParams = z.object({ id, step: z.enum(['delivery', 'return-receipt']) })

const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'may hold only visible ASCII characters')

/** The request's `Idempotency-Key`, or undefined when it sent none; a malformed one is a 400. */
export function readIdempotencyKey(event: H3Event): string | undefined {
  const raw = getRequestHeader(event, IDEMPOTENCY_KEY_HEADER)
  if (raw === undefined) return undefined
  const key = idempotencyKey.safeParse(raw)
  if (!key.success) throw invalidField('Idempotency-Key', `${key.error.issues[0]!.message} (at most 200)`)
  return key.data
}

/** Where a client polls an order it placed. */
export const orderLocation = (orderId: string) => `/api/v1/orders/${orderId}`
