import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderLines, viewOrder } from './order'

export const orderConfirmed = ({ order }: Input<'order-confirmed'>, { shop, format }: TemplateContext): Message => ({
  subject: `Order ${order.number} confirmed`,
  blocks: [
    paragraph(`Thank you for your order ${order.number}, placed on ${format.date(order.placedAt)}.`),
    paragraph('We will email you when it ships.'),
    orderLines(order, format),
    viewOrder(shop, order),
  ],
})
