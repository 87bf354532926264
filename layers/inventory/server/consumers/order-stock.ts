import type { z } from 'zod'
import type { Envelope } from '#kernel/contracts/messaging'
import { causedBy } from '#kernel/messaging/envelope'
import type { MessageHandler } from '#kernel/messaging/handler'
import {
  CommitInventory,
  KeepInventory,
  ReleaseInventory,
  ReserveInventory,
  RestockInventory,
} from '../../contracts/events'
import { commit } from '../features/commit'
import { keep } from '../features/keep'
import { release } from '../features/release'
import { reserve } from '../features/reserve'
import { restock } from '../features/restock'
import type { Inventory } from '../inventory'

type Payload<T extends { payload: z.ZodType }> = z.output<T['payload']>

/**
 * The checkout's commands to inventory. Each is idempotent by its order (a reservation's recorded
 * outcome, a status that moves once), so a redelivered or repeated command needs no inbox.
 */
export const orderStockHandler = (inventory: () => Promise<Inventory>): MessageHandler => ({
  name: 'inventory.order-stock',
  messages: [ReserveInventory, KeepInventory, ReleaseInventory, CommitInventory, RestockInventory],
  async handle(envelope: Envelope) {
    const cause = causedBy(envelope)
    const context = await inventory()
    switch (envelope.type) {
      case ReserveInventory.type: {
        const { orderId, lines } = envelope.payload as Payload<typeof ReserveInventory>
        await reserve(context, orderId, lines, cause)
        return
      }
      case ReleaseInventory.type: {
        const { orderId, reason } = envelope.payload as Payload<typeof ReleaseInventory>
        await release(context, orderId, reason, cause)
        return
      }
      case KeepInventory.type:
        await keep(context, (envelope.payload as Payload<typeof KeepInventory>).orderId)
        return
      case CommitInventory.type:
        await commit(context, (envelope.payload as Payload<typeof CommitInventory>).orderId, cause)
        return
      case RestockInventory.type:
        await restock(context, (envelope.payload as Payload<typeof RestockInventory>).orderId, cause)
        return
    }
  },
})
