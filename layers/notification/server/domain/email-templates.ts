/**
 * What each email template needs. The templates themselves (`templates/`) are pure functions of
 * these and the shop's name and address: no I/O, so a test renders each one in every locale.
 */

export interface Money {
  /** Minor units (cents): money is never a float. */
  amount: number
  currency: string
}

export interface Recipient {
  email: string
  firstName: string
  /** BCP 47 (`en-IE`, `de-DE`): amounts and dates are written as the customer reads them. */
  locale: string
}

export interface OrderLine {
  name: string
  variantName: string | null
  quantity: number
  unitPrice: Money
  lineTotal: Money
}

export interface OrderSummary {
  id: string
  number: string
  placedAt: string
  lines: OrderLine[]
  subtotal: Money
  shipping: Money
  total: Money
}

export type EmailTemplate =
  | { template: 'welcome' }
  | { template: 'confirm-email'; link: string }
  | { template: 'password-reset'; link: string }
  | { template: 'order-confirmed'; order: OrderSummary }
  | { template: 'payment-failed'; order: OrderSummary; reason: string }
  | { template: 'out-of-stock'; order: OrderSummary }
  | { template: 'payment-timed-out'; order: OrderSummary }
  | { template: 'order-cancelled'; order: OrderSummary }
  | { template: 'shipped'; order: OrderSummary; carrier: string; trackingNumber: string; occurredAt: string }
  | { template: 'delivered'; order: OrderSummary; occurredAt: string }
  | { template: 'refund-completed'; order: OrderSummary; refunded: Money }
  | { template: 'return-confirmed'; order: OrderSummary }

export type TemplateName = EmailTemplate['template']

/** The shop as its emails name it: its name in the header, its URL for every link. */
export interface Shop {
  name: string
  publicUrl: string
}
