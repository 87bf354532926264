import type { CancellationReason, OrderStatus } from '#layers/ordering/contracts'
import type { TemplateName } from './email-templates'

/** What the bell and /account/notifications show of an order's move. */
export interface OrderNotice {
  title: string
  body: string
}

/**
 * The moves a customer is told about in the app; the steps between (reserving stock, waiting for
 * the bank) only update the order page. `note` is ordering's reason for the move.
 */
export function noticeOfStatus(status: OrderStatus, orderNumber: string, note: string): OrderNotice | undefined {
  switch (status) {
    case 'Paid':
      return { title: `Order ${orderNumber} confirmed`, body: 'We have your payment and are packing your order.' }
    case 'Shipped':
      return { title: `Order ${orderNumber} is on its way`, body: `${note}.` }
    case 'Delivered':
      return { title: `Order ${orderNumber} delivered`, body: 'Your parcel has arrived. Enjoy!' }
    case 'Cancelled':
      return { title: `Order ${orderNumber} cancelled`, body: note }
    case 'Refunded':
      return { title: `Order ${orderNumber} refunded`, body: 'The money is on its way back to your card.' }
    case 'Returned':
      return { title: `Return of order ${orderNumber} received`, body: 'Your refund follows shortly.' }
    default:
      return undefined
  }
}

type OrderTemplate = Exclude<TemplateName, 'welcome' | 'confirm-email' | 'password-reset'>

/** The email an order's move sends, if any. Cancellations are told by why (`emailOfCancellation`). */
export const emailOfStatus = (status: OrderStatus): OrderTemplate | undefined =>
  (
    ({
      Paid: 'order-confirmed',
      Shipped: 'shipped',
      Delivered: 'delivered',
      Refunded: 'refund-completed',
      Returned: 'return-confirmed',
    }) as Partial<Record<OrderStatus, OrderTemplate>>
  )[status]

export const emailOfCancellation = (reason: CancellationReason): OrderTemplate =>
  (
    ({
      'out of stock': 'out-of-stock',
      'payment failed': 'payment-failed',
      'payment timeout': 'payment-timed-out',
      'cancelled by the customer': 'order-cancelled',
    }) as const
  )[reason]
