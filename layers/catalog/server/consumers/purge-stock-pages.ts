import type { Envelope } from '#kernel/contracts/messaging'
import type { MessageHandler } from '#kernel/messaging/handler'
import { AvailabilityChanged, type AvailabilityChangedPayload } from '#layers/inventory/contracts/events'
import type { Catalog } from '../catalog'
import { purgeStockPages } from '../features/stock-pages'

/** Pages show what inventory says of each sku: a change purges them (a purge twice is harmless, so no inbox). */
export const purgeStockPagesHandler = (catalog: () => Promise<Catalog>): MessageHandler => ({
  name: 'catalog.purge-stock-pages',
  messages: [AvailabilityChanged],
  async handle(envelope: Envelope) {
    await purgeStockPages(await catalog(), (envelope as Envelope<AvailabilityChangedPayload>).payload.productId)
  },
})
