import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import { causedBy } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import { InventoryReserved, ReservationFailed } from '#layers/inventory/contracts/events'
import {
  PaymentActionRequired,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
} from '#layers/payment/contracts/events'
import type { SagaEvent } from '../domain/checkout-saga'
import { advanceOrder } from '../features/advance-order'
import { notePaymentAction } from '../features/note-payment-action'
import type { Ordering } from '../ordering'

export const CHECKOUT_SAGA = 'ordering.checkout-saga'

type Payload<T extends { payload: z.ZodType }> = z.output<T['payload']>

/** The saga event an inventory or payment answer stands for, or null for one that moves nothing. */
function sagaEventOf(envelope: Envelope): SagaEvent | null {
  switch (envelope.type) {
    case InventoryReserved.type:
      return { type: 'inventory-reserved' }
    case ReservationFailed.type:
      return {
        type: 'reservation-failed',
        shortSkus: (envelope.payload as Payload<typeof ReservationFailed>).shortLines.map((line) => line.sku),
      }
    case PaymentCompleted.type:
      return { type: 'payment-completed' }
    case PaymentFailed.type:
      return { type: 'payment-failed', reason: (envelope.payload as Payload<typeof PaymentFailed>).reason }
    case PaymentRefunded.type:
      // A partial refund leaves the order where it is; the saga's refunds are whole.
      return (envelope.payload as Payload<typeof PaymentRefunded>).fullyRefunded ? { type: 'refund-completed' } : null
    default:
      return null
  }
}

/**
 * The checkout saga's ears: inventory's and payment's answers move the order they name, each
 * message once (inbox), whatever the number of deliveries or the order of arrival.
 */
export const checkoutSagaHandler = (ordering: () => Promise<Ordering>): MessageHandler => ({
  name: CHECKOUT_SAGA,
  messages: [
    InventoryReserved,
    ReservationFailed,
    PaymentCompleted,
    PaymentFailed,
    PaymentActionRequired,
    PaymentRefunded,
  ],
  async handle(envelope: Envelope) {
    const context = await ordering()
    const { orderId } = envelope.payload as { orderId: string }
    if (envelope.type === PaymentActionRequired.type) {
      await notePaymentAction(context, orderId, (envelope.payload as Payload<typeof PaymentActionRequired>).actionUrl)
      return
    }
    const event = sagaEventOf(envelope)
    if (!event) return
    const outcome = await advanceOrder(context, orderId, event, causedBy(envelope), {
      handler: CHECKOUT_SAGA,
      envelope,
    })
    if ('missing' in outcome)
      context.log.warn({ orderId, type: envelope.type }, 'an answer for an order ordering does not have')
  },
})
