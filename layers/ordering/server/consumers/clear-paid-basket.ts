import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { resolveModule } from '#kernel/modules/registry'
import { BasketModule } from '#layers/basket/contracts'
import { OrderStatusChanged } from '../../contracts/events'

/**
 * Empties the customer's basket once their order is paid, and not before: a declined card leaves
 * the items for another try. Clearing twice is clearing once, so a redelivery needs no inbox.
 */
export const clearPaidBasketHandler = (): MessageHandler => ({
  name: 'ordering.clear-paid-basket',
  messages: [OrderStatusChanged],
  async handle(envelope: Envelope) {
    const { newStatus, userId } = envelope.payload as z.output<typeof OrderStatusChanged.payload>
    if (newStatus !== 'Paid') return
    await (await resolveModule(BasketModule)).clear(userId)
  },
})
