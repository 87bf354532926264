import { createEnvelope, type Causation } from '#kernel/messaging/envelope'
import type { Envelope } from '#kernel/contracts/messaging'
import { AvailabilityChanged } from '../../contracts/events'
import { availabilityChanged, availabilityOf } from '../domain/availability'
import type { StockChange } from '../infrastructure/stock-store'

/** An event for each change that alters what shoppers are told, so the sku's pages are redrawn. */
export const availabilityEvents = (changes: readonly (StockChange | undefined)[], cause: Causation): Envelope[] =>
  changes
    .filter((change): change is StockChange => !!change)
    .filter((change) => availabilityChanged(change.availableBefore, change.availableAfter))
    .map((change) =>
      createEnvelope(
        AvailabilityChanged,
        { sku: change.sku, productId: change.productId, availability: availabilityOf(change.availableAfter) },
        cause,
      ),
    )
