import { v5 as uuidv5 } from 'uuid'
import type { Envelope } from '#kernel/contracts/messaging'
import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import {
  CommitInventory,
  KeepInventory,
  ReleaseInventory,
  ReserveInventory,
  RestockInventory,
} from '#layers/inventory/contracts/events'
import { ProcessPayment, RefundPayment } from '#layers/payment/contracts/events'
import { OrderCancelled, OrderStatusChanged } from '../../contracts/events'
import type { SagaEffect, SagaOutcome } from '../domain/checkout-saga'
import type { OrderRecord } from '../infrastructure/order-store'

/** The namespace of the refund ids the saga derives, so the same refund asked twice is one refund. */
const REFUNDS = '0f6b7d43-3a4e-5c1f-9b0e-6a2f4d8c1e57'

/** Where the customer comes back to after authenticating a payment. */
export const orderPath = (orderId: string) => `/account/orders/${orderId}`

/**
 * The message a saga effect sends, or null for an effect the order's own row carries (the
 * payment deadline) or its status change does (the basket is cleared by the Paid change).
 */
export function commandOf(effect: SagaEffect, order: OrderRecord, cause: Causation): Envelope | null {
  const orderId = order.id
  switch (effect.type) {
    case 'reserve-inventory':
      return createEnvelope(ReserveInventory, { orderId, lines: order.items }, cause)
    case 'process-payment':
      return createEnvelope(
        ProcessPayment,
        {
          orderId,
          attempt: 1,
          userId: order.userId,
          amount: { amount: order.total, currency: order.currency },
          paymentMethod: order.paymentMethod,
          returnPath: orderPath(orderId),
        },
        cause,
      )
    case 'release-inventory':
      return createEnvelope(ReleaseInventory, { orderId, reason: effect.reason }, cause)
    case 'keep-inventory':
      return createEnvelope(KeepInventory, { orderId }, cause)
    case 'commit-inventory':
      return createEnvelope(CommitInventory, { orderId }, cause)
    case 'restock-inventory':
      return createEnvelope(RestockInventory, { orderId }, cause)
    case 'refund-payment':
      return createEnvelope(
        RefundPayment,
        { orderId, refundId: uuidv5(`${orderId}/${effect.reason}`, REFUNDS), reason: effect.reason },
        cause,
      )
    case 'announce-cancellation':
      return createEnvelope(
        OrderCancelled,
        { orderId, orderNumber: order.number, userId: order.userId, reason: effect.reason },
        cause,
      )
    case 'clear-basket':
    case 'start-payment-deadline':
    case 'stop-payment-deadline':
      return null
  }
}

/** What a saga outcome sends: a status change for each of its steps, then the commands of its effects. */
export function sagaMessages(outcome: SagaOutcome, order: OrderRecord, cause: Causation): Envelope[] {
  const occurredAt = new Date().toISOString()
  const changes = outcome.steps.map((step) =>
    createEnvelope(
      OrderStatusChanged,
      {
        orderId: order.id,
        orderNumber: order.number,
        userId: order.userId,
        oldStatus: step.from,
        newStatus: step.to,
        reason: step.note,
        occurredAt,
      },
      cause,
    ),
  )
  return [...changes, ...outcome.effects.flatMap((effect) => commandOf(effect, order, cause) ?? [])]
}
