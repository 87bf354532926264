import { paragraph, type Input, type Message, type TemplateContext } from './message'
import { orderFacts, viewOrder } from './order'

export const refundCompleted = (
  { order, refunded }: Input<'refund-completed'>,
  { shop, format }: TemplateContext,
): Message => ({
  subject: `Refund for order ${order.number} completed`,
  blocks: [
    paragraph(`We have refunded ${format.money(refunded)} for your order ${order.number}, to the way you paid.`),
    paragraph('It can take a few working days to show on your statement.'),
    orderFacts(order, format, [{ label: 'Refunded', value: format.money(refunded), strong: true }]),
    viewOrder(shop, order),
  ],
})
