import { z } from 'zod'

/**
 * Inventory's HTTP API, as the zod schemas its answers follow: /api/openapi.json describes them.
 * Server code imports these; the browser needs only the types in index.ts.
 */

export const availabilityDto = z
  .discriminatedUnion('state', [
    z.object({ state: z.literal('in-stock') }),
    z.object({ state: z.literal('low'), left: z.int().positive() }),
    z.object({ state: z.literal('out-of-stock') }),
  ])
  .meta({ id: 'Availability', description: 'What a shopper is told: in stock, only N left, or out of stock.' })

export const availabilityMapDto = z
  .record(z.string(), availabilityDto)
  .meta({ id: 'AvailabilityBySku', description: 'Each sku asked for, with its availability.' })

export const movementReason = z.enum(['received', 'reserved', 'released', 'shipped', 'returned', 'adjusted'])

export const stockDto = z
  .object({
    sku: z.string(),
    productId: z.string(),
    onHand: z.int().meta({ description: 'Units in the warehouse, held ones included.' }),
    reserved: z.int().meta({ description: 'Units held for orders not yet shipped.' }),
    available: z.int().meta({ description: 'What shoppers can still buy: on hand less reserved.' }),
    availability: availabilityDto,
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Stock' })

export const stockPageDto = z
  .object({ items: z.array(stockDto), total: z.int(), page: z.int(), pageSize: z.int() })
  .meta({ id: 'StockPage' })

export const movementDto = z
  .object({
    id: z.string(),
    onHandChange: z.int(),
    reservedChange: z.int(),
    reason: movementReason,
    orderId: z.string().nullable(),
    adminId: z.string().nullable(),
    note: z.string().nullable(),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: 'StockMovement' })

export const stockDetailDto = stockDto
  .extend({ movements: z.array(movementDto).meta({ description: 'The latest changes, newest first.' }) })
  .meta({ id: 'StockDetail' })
