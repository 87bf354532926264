import { z } from 'zod'
import { defineMessage } from '#kernel/contracts/messaging'
import { MAX_RESERVATION_LINES } from './index'

/**
 * Inventory's commands (what the checkout saga asks of it) and the events it answers with. Every
 * command is keyed by its order and idempotent: sent again, it changes nothing and, where it
 * has a reply, replies what it replied the first time.
 */

const orderId = z.uuid()
const sku = z.string().min(1).max(48)
const line = z.object({ sku, quantity: z.int().min(1).max(10_000) })
const lines = z
  .array(line)
  .min(1)
  .max(MAX_RESERVATION_LINES)
  .refine((all) => new Set(all.map((l) => l.sku)).size === all.length, 'each sku once')

const availability = z.discriminatedUnion('state', [
  z.object({ state: z.literal('in-stock') }),
  z.object({ state: z.literal('low'), left: z.int().positive() }),
  z.object({ state: z.literal('out-of-stock') }),
])

/** Command: hold all of an order's lines, or none. Replied with Reserved or ReservationFailed. */
export const ReserveInventory = defineMessage('inventory.reserve.v1', z.object({ orderId, lines }))

/** Command: give back what an order holds (compensation). A no-op when it holds nothing. */
export const ReleaseInventory = defineMessage(
  'inventory.release.v1',
  z.object({ orderId, reason: z.string().min(1).max(200) }),
)

/** Command: the order shipped; what it holds leaves the warehouse. */
export const CommitInventory = defineMessage('inventory.commit.v1', z.object({ orderId }))

/**
 * Command: the order is paid, so its hold stays until it ships (commit) or is given back (release):
 * the expiry that guards against an unfinished checkout no longer applies to it.
 */
export const KeepInventory = defineMessage('inventory.keep.v1', z.object({ orderId }))

/** Command: the order's return was received; what it took goes back on the shelf. */
export const RestockInventory = defineMessage('inventory.restock.v1', z.object({ orderId }))

export const InventoryReserved = defineMessage(
  'inventory.reserved.v1',
  z.object({ orderId, lines, expiresAt: z.iso.datetime({ offset: true }) }),
)

export const ReservationFailed = defineMessage(
  'inventory.reservation-failed.v1',
  z.object({
    orderId,
    /** The lines there is not enough of, with how many could have been had. */
    shortLines: z.array(z.object({ sku, requested: z.int().positive(), available: z.int().nonnegative() })).min(1),
  }),
)

/** What an order held went back to stock: on a release command, or when its hold expired. */
export const InventoryReleased = defineMessage(
  'inventory.released.v1',
  z.object({ orderId, lines, reason: z.string(), expired: z.boolean() }),
)

export const InventoryCommitted = defineMessage('inventory.committed.v1', z.object({ orderId, lines }))

export const InventoryRestocked = defineMessage('inventory.restocked.v1', z.object({ orderId, lines }))

/** What a shopper is told of a sku changed (in stock, only N left, out of stock): its pages are stale. */
export const AvailabilityChanged = defineMessage(
  'inventory.availability-changed.v1',
  z.object({ sku, productId: z.string(), availability }),
)

export type AvailabilityChangedPayload = z.infer<typeof AvailabilityChanged.payload>
