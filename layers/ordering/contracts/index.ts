/**
 * The public face of the ordering context: the only module other layers may import.
 * Its name is also its Postgres schema, Redis key prefix, queue prefix and task prefix.
 */
export const ORDERING_CONTEXT = 'ordering' as const

/**
 * Where an order stands: the checkout saga's states, exactly the seed's state diagram
 * (`server/domain/checkout-saga.ts` holds the transitions).
 */
export const ORDER_STATUSES = [
  'Created',
  'InventoryReserving',
  'InventoryReserved',
  'PaymentPending',
  'Paid',
  'Shipped',
  'Delivered',
  'Refunding',
  'Refunded',
  'Returning',
  'Returned',
  'Cancelled',
] as const

export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Why an order was cancelled, as `ordering.order-cancelled.v1` and the customer's emails say it. */
export const CANCELLATION_REASONS = [
  'out of stock',
  'payment failed',
  'payment timeout',
  'cancelled by the customer',
] as const

export type CancellationReason = (typeof CANCELLATION_REASONS)[number]
