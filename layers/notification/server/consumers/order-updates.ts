import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { OrderCancelled, OrderStatusChanged } from '#layers/ordering/contracts/events'
import { tellOrderCancelled, tellOrderStatusChange } from '../features/order-updates'
import type { Notification } from '../notification'

const NAME = 'notification.order-updates'

/** Every move of an order reaches its customer: the live page, the bell, and the emails that go with it. */
export const orderUpdatesHandler = (notification: () => Promise<Notification>): MessageHandler => ({
  name: NAME,
  messages: [OrderStatusChanged, OrderCancelled],
  async handle(envelope: Envelope) {
    const context = await notification()
    if (envelope.type === OrderStatusChanged.type)
      await tellOrderStatusChange(
        context,
        NAME,
        envelope.id,
        envelope.payload as z.output<typeof OrderStatusChanged.payload>,
      )
    else
      await tellOrderCancelled(context, NAME, envelope.id, envelope.payload as z.output<typeof OrderCancelled.payload>)
  },
})
