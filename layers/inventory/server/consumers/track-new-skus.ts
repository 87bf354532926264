import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { ProductChanged, type ProductChangedPayload } from '#layers/catalog/contracts/events'
import { TRACK_NEW_SKUS, trackNewSkus } from '../features/track-new-skus'
import type { Inventory } from '../inventory'

/** Every sku the catalog sells gets a stock record, once (through the inbox). */
export const trackNewSkusHandler = (inventory: () => Promise<Inventory>): MessageHandler => ({
  name: TRACK_NEW_SKUS,
  messages: [ProductChanged],
  async handle(envelope: Envelope) {
    await trackNewSkus(await inventory(), envelope as Envelope<ProductChangedPayload>)
  },
})
