import type { Envelope } from '#kernel/contracts/messaging'
import { causedBy } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import {
  ProcessPayment,
  RefundPayment,
  type ProcessPaymentPayload,
  type RefundPaymentPayload,
} from '../../contracts/events'
import { processPayment } from '../features/process-payment'
import { refundPayment } from '../features/refund-payment'
import type { Payment } from '../payment'

/**
 * The checkout's commands to payment. Each is idempotent by itself (a charge by its order and
 * attempt, a refund by its id), so a redelivered command needs no inbox. A gateway that does not
 * answer throws, and the bus delivers the command again later.
 */
export const paymentCommandsHandler = (payment: () => Promise<Payment>): MessageHandler => ({
  name: 'payment.commands',
  messages: [ProcessPayment, RefundPayment],
  async handle(envelope: Envelope) {
    const context = await payment()
    if (envelope.type === ProcessPayment.type)
      await processPayment(context, envelope.payload as ProcessPaymentPayload, causedBy(envelope))
    else await refundPayment(context, envelope.payload as RefundPaymentPayload, causedBy(envelope))
  },
})
