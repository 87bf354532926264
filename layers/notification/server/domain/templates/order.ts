import type { OrderSummary, Shop } from '../email-templates'
import type { Formats } from './format'
import { action, shopUrl, type Block, type Fact } from './message'

/** The order's page in the customer's account. */
export const orderUrl = (shop: Shop, order: OrderSummary): string =>
  `${shopUrl(shop)}/account/orders/${encodeURIComponent(order.id)}`

export const viewOrder = (shop: Shop, order: OrderSummary): Block => action('View your order', orderUrl(shop, order))

/** Which order an email is about: its number, when it was placed and its total, then `more`. */
export const orderFacts = (order: OrderSummary, format: Formats, more: Fact[] = []): Block => ({
  kind: 'facts',
  rows: [
    { label: 'Order', value: order.number },
    { label: 'Placed on', value: format.date(order.placedAt) },
    { label: 'Order total', value: format.money(order.total) },
    ...more,
  ],
})

/** Every line (name, variant, quantity, unit price, line total), then subtotal, delivery and total. */
export const orderLines = (order: OrderSummary, format: Formats): Block => ({
  kind: 'lines',
  lines: order.lines.map((line) => ({
    name: line.name,
    variantName: line.variantName,
    quantity: line.quantity,
    unitPrice: format.money(line.unitPrice),
    lineTotal: format.money(line.lineTotal),
  })),
  totals: [
    { label: 'Subtotal', value: format.money(order.subtotal) },
    { label: 'Delivery', value: order.shipping.amount === 0 ? 'Free' : format.money(order.shipping) },
    { label: 'Total', value: format.money(order.total), strong: true },
  ],
})
