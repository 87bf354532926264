import type { z } from 'zod'
import { moduleToken } from '#kernel/contracts/module'
import type * as api from './api'

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

/** Each status as a customer reads it. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  Created: 'Order processing',
  InventoryReserving: 'Order processing',
  InventoryReserved: 'Order processing',
  PaymentPending: 'Awaiting payment',
  Paid: 'Paid',
  Shipped: 'Shipped',
  Delivered: 'Delivered',
  Refunding: 'Refund under way',
  Refunded: 'Refunded',
  Returning: 'Return under way',
  Returned: 'Returned',
  Cancelled: 'Cancelled',
}

/** The steps while the shop works on a new order (stock, payment): a page follows them, nobody is told of each. */
export const PROCESSING_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'Created',
  'InventoryReserving',
  'InventoryReserved',
  'PaymentPending',
])

/** Why an order was cancelled, as `ordering.order-cancelled.v1` and the customer's emails say it. */
export const CANCELLATION_REASONS = [
  'out of stock',
  'payment failed',
  'payment timeout',
  'cancelled by the customer',
] as const

export type CancellationReason = (typeof CANCELLATION_REASONS)[number]

/** Where the shop delivers (the delivery help page): the European Union, ISO 3166-1 alpha-2. */
export const DELIVERY_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const
export type DeliveryCountry = (typeof DELIVERY_COUNTRIES)[number]

/** An address's required fields, as the messages about them name them ("Enter the postcode."). */
export const REQUIRED_ADDRESS_FIELDS = {
  fullName: 'the full name',
  line1: 'the street and number',
  city: 'the town or city',
  postalCode: 'the postcode',
} as const

/** Standard delivery (the delivery help page): a flat charge, free from a subtotal on, both in minor units. */
export const DELIVERY_CHARGE = 495
export const FREE_DELIVERY_FROM = 5000

/** What a customer may ask of their order, each in the states the saga allows it. */
export const CUSTOMER_ACTIONS = ['cancel', 'refund', 'return'] as const
export type CustomerAction = (typeof CUSTOMER_ACTIONS)[number]

/** Orders a page of a customer's history or an admin's list holds. */
export const ORDER_PAGE_SIZE = 20
export const MAX_ORDER_PAGE = 500

/** The header a client sends so that a retried `POST /api/v1/orders` places one order, not two. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key'

export type AddressDto = z.infer<typeof api.addressDto>
export type OrderLineDto = z.infer<typeof api.orderLineDto>
export type PlacedOrderDto = z.infer<typeof api.placedOrderDto>
export type OrderSummaryDto = z.infer<typeof api.orderSummaryDto>
export type OrderDto = z.infer<typeof api.orderDto>
export type OrderPageDto = z.infer<typeof api.orderPageDto>
export type AdminOrderPageDto = z.infer<typeof api.adminOrderPageDto>
export type OrderStepDto = z.infer<typeof api.orderStepDto>
export type OrderHistoryDto = z.infer<typeof api.orderHistoryDto>

/** What other contexts may ask ordering in-process. */
export interface OrderingModule {
  /** Whether the customer paid for the product and kept it (paid, shipped or delivered): a review's "verified purchase". */
  hasPurchased(userId: string, productId: string): Promise<boolean>
  /** The order as its owner sees it (lines, totals, shipment), or undefined when there is none: its emails quote it. */
  getOrder(orderId: string): Promise<OrderDto | undefined>
}
export const OrderingModule = moduleToken<OrderingModule>(ORDERING_CONTEXT)
